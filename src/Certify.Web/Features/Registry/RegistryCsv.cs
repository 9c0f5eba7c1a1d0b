using System.Text;

namespace Certify.Web.Features.Registry;

/// <summary>
/// CSV as RFC 4180 writes it, for the public registry export: fields separated by commas, records ended by CRLF, a
/// field quoted (its quotes doubled) when it holds a comma, a quote or a line break. A text that a spreadsheet would run
/// as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) gets a leading
/// apostrophe, so opening the file never executes what a company typed as its name.
/// </summary>
public static class RegistryCsv
{
    /// <summary>The media type of the export.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>UTF-8 without its byte order mark: <see cref="WriteBomAsync"/> writes the mark once, first.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The UTF-8 byte order mark, which makes spreadsheet programs read the accents right.</summary>
    public static async Task WriteBomAsync(Stream stream, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(Encoding.UTF8.Preamble.ToArray(), ct);
    }

    /// <summary>Writes one record.</summary>
    public static async Task WriteRecordAsync(TextWriter writer, IEnumerable<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(fields);
        await writer.WriteAsync(string.Join(',', fields.Select(Field)));
        await writer.WriteAsync("\r\n");
    }

    /// <summary>One field, neutralised and quoted as needed.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
