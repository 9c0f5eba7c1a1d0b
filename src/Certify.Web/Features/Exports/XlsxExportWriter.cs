using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Certify.Web.Features.Exports;

/// <summary>
/// Writes rows as a one-sheet XLSX workbook with typed cells (numbers, real Excel dates with a number format,
/// booleans, inline strings), a bold header row frozen in place, an AutoFilter over the data and column widths from
/// the column types. The sheet is written with <see cref="OpenXmlWriter"/> (SAX) row by row as the rows arrive,
/// straight into the ZIP container, so memory stays flat however many rows there are.
/// </summary>
public static class XlsxExportWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Excel's limit for the text of one cell; longer text is cut.</summary>
    public const int MaxCellText = 32_767;

    private const uint HeaderStyle = 1;
    private const uint DateStyle = 2;
    private const uint DateTimeStyle = 3;
    private const uint DecimalStyle = 4;
    private const uint IntegerStyle = 5;

    private static readonly Cell CellElement = new();
    private static readonly CellValue ValueElement = new();
    private static readonly InlineString InlineElement = new();
    private static readonly Text TextElement = new();
    private static readonly Row RowElement = new();
    private const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"""
        + """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"""
        + """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"""
        + """<Default Extension="xml" ContentType="application/xml"/>"""
        + """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"""
        + """<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""
        + """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"""
        + "</Types>";

    private const string PackageRelationships =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"""
        + """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
        + """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"""
        + "</Relationships>";

    private const string WorkbookRelationships =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"""
        + """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
        + """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"""
        + """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"""
        + "</Relationships>";

    private static readonly OpenXmlAttribute PreserveSpace = new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve");

    /// <summary>
    /// Writes the workbook to <paramref name="output"/>. The package is built in a temporary file first (the ZIP
    /// container is written synchronously, which a response body refuses) and then copied asynchronously.
    /// </summary>
    public static async Task WriteAsync<TRow>(
        Stream output, string sheetName, IReadOnlyList<ExportColumn<TRow>> columns, IAsyncEnumerable<TRow> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (columns.Count == 0)
        {
            throw new ArgumentException("An export needs at least one column.", nameof(columns));
        }

        var path = Path.Combine(Path.GetTempPath(), $"certify-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var package = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                await WritePackageAsync(package, SheetName(sheetName), columns, rows, ct);
            }

            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await file.CopyToAsync(output, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A valid sheet name: no <c>[]:*?/\</c>, at most 31 characters, not empty.</summary>
    public static string SheetName(string name)
    {
        var clean = new string([.. (name ?? "").Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? ' ' : c)]).Trim().Trim('\'');
        clean = clean.Length > 31 ? clean[..31] : clean;
        return clean.Length == 0 ? "Datos" : clean;
    }

    /// <summary>The column letters of a zero-based index: A … Z, AA, AB, ….</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>
    /// The package is put together here rather than by the SDK's packaging, which keeps every part in memory until it
    /// is saved: each part goes into the ZIP as it is written, and the sheet streams row by row.
    /// </summary>
    private static async Task WritePackageAsync<TRow>(
        Stream stream, string sheetName, IReadOnlyList<ExportColumn<TRow>> columns, IAsyncEnumerable<TRow> rows, CancellationToken ct)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        WriteText(zip, "[Content_Types].xml", ContentTypes);
        WriteText(zip, "_rels/.rels", PackageRelationships);
        WriteText(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships);
        WriteElement(zip, "xl/styles.xml", Stylesheet());

        var letters = columns.Select((_, i) => ColumnName(i)).ToArray();
        var lastRow = 1u;
        await using (var part = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open())
        using (var writer = OpenXmlWriter.Create(part, Encoding.UTF8))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(new Worksheet());
            WriteFrozenHeaderView(writer);
            WriteColumnWidths(writer, columns);
            writer.WriteStartElement(new SheetData());
            WriteRowStart(writer, 1);
            for (var i = 0; i < columns.Count; i++)
            {
                WriteText(writer, letters[i] + "1", columns[i].Header, HeaderStyle);
            }

            writer.WriteEndElement();
            await foreach (var row in rows.WithCancellation(ct))
            {
                lastRow++;
                var number = lastRow.ToString(CultureInfo.InvariantCulture);
                WriteRowStart(writer, lastRow);
                for (var i = 0; i < columns.Count; i++)
                {
                    WriteCell(writer, letters[i] + number, columns[i].Type, columns[i].Value(row));
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteElement(new AutoFilter { Reference = $"A1:{letters[^1]}{lastRow.ToString(CultureInfo.InvariantCulture)}" });
            writer.WriteEndElement();
        }

        var filterRange = $"'{sheetName.Replace("'", "''", StringComparison.Ordinal)}'!$A$1:${letters[^1]}${lastRow.ToString(CultureInfo.InvariantCulture)}";
        WriteElement(zip, "xl/workbook.xml", new Workbook(
            new Sheets(new Sheet { Name = sheetName, SheetId = 1, Id = "rId1" }),
            new DefinedNames(new DefinedName(filterRange) { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true })));
    }

    private static void WriteText(ZipArchive zip, string name, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(xml);
    }

    private static void WriteElement(ZipArchive zip, string name, OpenXmlElement element)
    {
        using var part = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(part, Encoding.UTF8);
        writer.WriteStartDocument();
        writer.WriteElement(element);
    }

    private static void WriteFrozenHeaderView(OpenXmlWriter writer)
    {
        writer.WriteStartElement(new SheetViews());
        writer.WriteStartElement(new SheetView { TabSelected = true, WorkbookViewId = 0 });
        writer.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        writer.WriteElement(new Selection
        {
            Pane = PaneValues.BottomLeft,
            ActiveCell = "A2",
            SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" },
        });
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteColumnWidths<TRow>(OpenXmlWriter writer, IReadOnlyList<ExportColumn<TRow>> columns)
    {
        writer.WriteStartElement(new Columns());
        for (var i = 0; i < columns.Count; i++)
        {
            var index = (uint)(i + 1);
            writer.WriteElement(new Column { Min = index, Max = index, Width = Width(columns[i]), CustomWidth = true });
        }

        writer.WriteEndElement();
    }

    /// <summary>The type's usual width, widened for the header and its filter button, at most 60 characters.</summary>
    private static double Width<TRow>(ExportColumn<TRow> column)
    {
        var typical = column.Width ?? column.Type switch
        {
            ExportColumnType.Text => 28,
            ExportColumnType.Integer => 10,
            ExportColumnType.Decimal => 12,
            ExportColumnType.Date => 12,
            ExportColumnType.DateTime => 18,
            _ => 10,
        };
        return Math.Min(60, Math.Max(typical, column.Header.Length + 4));
    }

    private static void WriteRowStart(OpenXmlWriter writer, uint index) =>
        writer.WriteStartElement(RowElement, [new OpenXmlAttribute("r", "", index.ToString(CultureInfo.InvariantCulture))]);

    private static void WriteCell(OpenXmlWriter writer, string reference, ExportColumnType type, object? value)
    {
        if (value is null)
        {
            return;
        }

        switch (type)
        {
            case ExportColumnType.Text:
                WriteText(writer, reference, ExportCells.Text(value), null);
                break;
            case ExportColumnType.Boolean:
                WriteValue(writer, reference, ExportCells.Boolean(value) ? "1" : "0", "b", null);
                break;
            case ExportColumnType.Integer:
                WriteValue(writer, reference, ExportCells.Integer(value).ToString(CultureInfo.InvariantCulture), null, IntegerStyle);
                break;
            case ExportColumnType.Decimal:
                WriteValue(writer, reference, ExportCells.Decimal(value).ToString(CultureInfo.InvariantCulture), null, DecimalStyle);
                break;
            case ExportColumnType.Date:
                var date = ExportCells.Date(value).ToDateTime(TimeOnly.MinValue).ToOADate();
                WriteValue(writer, reference, date.ToString(CultureInfo.InvariantCulture), null, DateStyle);
                break;
            case ExportColumnType.DateTime:
                var instant = ExportCells.DateTime(value).ToOADate();
                WriteValue(writer, reference, instant.ToString("R", CultureInfo.InvariantCulture), null, DateTimeStyle);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type.");
        }
    }

    private static void WriteValue(OpenXmlWriter writer, string reference, string text, string? dataType, uint? style)
    {
        var attributes = new List<OpenXmlAttribute>(3) { new("r", "", reference) };
        if (style is { } s)
        {
            attributes.Add(new OpenXmlAttribute("s", "", s.ToString(CultureInfo.InvariantCulture)));
        }

        if (dataType is not null)
        {
            attributes.Add(new OpenXmlAttribute("t", "", dataType));
        }

        writer.WriteStartElement(CellElement, attributes);
        writer.WriteStartElement(ValueElement);
        writer.WriteString(text);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteText(OpenXmlWriter writer, string reference, string value, uint? style)
    {
        var text = XmlSafe(value);
        var attributes = new List<OpenXmlAttribute>(3) { new("r", "", reference), new("t", "", "inlineStr") };
        if (style is { } s)
        {
            attributes.Add(new OpenXmlAttribute("s", "", s.ToString(CultureInfo.InvariantCulture)));
        }

        writer.WriteStartElement(CellElement, attributes);
        writer.WriteStartElement(InlineElement);
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
        {
            writer.WriteStartElement(TextElement, [PreserveSpace]);
        }
        else
        {
            writer.WriteStartElement(TextElement);
        }

        writer.WriteString(text);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>Drops characters XML cannot carry (most control characters, lone surrogates) and cuts at Excel's limit.</summary>
    private static string XmlSafe(string value)
    {
        var text = value.Length > MaxCellText ? value[..MaxCellText] : value;
        try
        {
            return XmlConvert.VerifyXmlChars(text);
        }
        catch (XmlException)
        {
            var clean = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    clean.Append(text, i++, 2);
                }
                else if (XmlConvert.IsXmlChar(text[i]))
                {
                    clean.Append(text[i]);
                }
            }

            return clean.ToString();
        }
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm" })
        { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }))
        { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 2, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 1, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true })
        { Count = 6 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
