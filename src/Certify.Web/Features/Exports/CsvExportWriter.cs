using System.Globalization;
using System.Text;

namespace Certify.Web.Features.Exports;

/// <summary>
/// Writes rows as RFC 4180 CSV: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted
/// (quotes doubled), UTF-8 with a byte-order mark so Excel reads accents right. Numbers use the invariant culture,
/// dates are ISO. A text value that a spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, a tab or a carriage return) gets a leading apostrophe. Rows are written as they arrive.
/// </summary>
public static class CsvExportWriter
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static async Task WriteAsync<TRow>(
        Stream output, IReadOnlyList<ExportColumn<TRow>> columns, IAsyncEnumerable<TRow> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);

        await output.WriteAsync(Utf8WithBom.GetPreamble(), ct);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        var line = new StringBuilder(256);
        for (var i = 0; i < columns.Count; i++)
        {
            AppendText(line, i, columns[i].Header);
        }

        await WriteLineAsync(writer, line, ct);
        await foreach (var row in rows.WithCancellation(ct))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                var value = column.Value(row);
                if (column.Type == ExportColumnType.Text)
                {
                    AppendText(line, i, value is null ? null : Neutralise(ExportCells.Text(value)));
                }
                else
                {
                    if (i > 0)
                    {
                        line.Append(',');
                    }

                    line.Append(Format(column.Type, value));
                }
            }

            await WriteLineAsync(writer, line, ct);
        }

        await writer.FlushAsync(ct);
    }

    /// <summary>The field as it appears in the file, quoted when it must be.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A leading apostrophe for text a spreadsheet would otherwise evaluate (CSV injection).</summary>
    public static string Neutralise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
    }

    private static string Format(ExportColumnType type, object? value)
    {
        if (value is null)
        {
            return "";
        }

        return type switch
        {
            ExportColumnType.Integer => ExportCells.Integer(value).ToString(CultureInfo.InvariantCulture),
            // Without trailing zeros: PostgreSQL keeps a numeric's scale (91.50), SQLite does not (91.5).
            ExportColumnType.Decimal => ExportCells.Decimal(value).ToString("0.############################", CultureInfo.InvariantCulture),
            ExportColumnType.Date => ExportCells.Date(value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ExportColumnType.DateTime => ExportCells.DateTime(value).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ExportColumnType.Boolean => ExportCells.Boolean(value) ? "true" : "false",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
        };
    }

    private static void AppendText(StringBuilder line, int index, string? value)
    {
        if (index > 0)
        {
            line.Append(',');
        }

        if (value is not null)
        {
            line.Append(Quote(value));
        }
    }

    private static async Task WriteLineAsync(StreamWriter writer, StringBuilder line, CancellationToken ct)
    {
        line.Append("\r\n");
        await writer.WriteAsync(line, ct);
        line.Clear();
    }
}
