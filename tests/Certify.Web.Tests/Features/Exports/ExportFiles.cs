using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Certify.Web.Tests.Features.Exports;

/// <summary>One cell read back from an XLSX: its kind (text, number, date, boolean) and value.</summary>
public sealed record XlsxCell(string Reference, string Kind, string? Text, double? Number, bool? Boolean, string? NumberFormat)
{
    /// <summary>The date-time a date cell holds.</summary>
    public DateTime Date => Kind == "date" ? DateTime.FromOADate(Number!.Value) : throw new InvalidOperationException($"{Reference} is a {Kind} cell.");
}

/// <summary>What the tests check of a workbook: its one sheet, rows of cells, frozen header, filter and widths.</summary>
public sealed record XlsxBook(
    string SheetName, IReadOnlyList<IReadOnlyList<XlsxCell>> Rows, bool FrozenHeader, string? AutoFilter, IReadOnlyList<double> Widths, bool HeaderBold)
{
    public IReadOnlyList<string?> Header => [.. Rows[0].Select(c => c.Text)];

    public XlsxCell Cell(int row, string header) =>
        Rows[row].SingleOrDefault(c => c.Reference.StartsWith(Column(header), StringComparison.Ordinal)
            && char.IsDigit(c.Reference[Column(header).Length]))
        ?? throw new InvalidOperationException($"Row {row} has no '{header}' cell.");

    public bool IsEmpty(int row, string header) =>
        !Rows[row].Any(c => c.Reference.StartsWith(Column(header), StringComparison.Ordinal) && char.IsDigit(c.Reference[Column(header).Length]));

    private string Column(string header)
    {
        var index = Rows[0].ToList().FindIndex(c => c.Text == header);
        return index < 0 ? throw new InvalidOperationException($"No column '{header}'.") : new string(Rows[0][index].Reference.TakeWhile(char.IsLetter).ToArray());
    }
}

/// <summary>Reads exported files the way a spreadsheet would, with DocumentFormat.OpenXml and an RFC 4180 parser.</summary>
public static class ExportFiles
{
    public static XlsxBook ReadXlsx(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single();
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
        var formats = workbook.WorkbookStylesPart!.Stylesheet;
        var cellFormats = formats.CellFormats!.Elements<CellFormat>().ToList();
        var custom = formats.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var fonts = formats.Fonts!.Elements<Font>().ToList();

        string? Format(Cell cell) => cell.StyleIndex is { } s && cellFormats[(int)s.Value].NumberFormatId is { } id
            ? custom.GetValueOrDefault(id.Value) ?? id.Value.ToString(CultureInfo.InvariantCulture)
            : null;

        XlsxCell Read(Cell cell)
        {
            var format = Format(cell);
            if (cell.DataType?.Value == CellValues.InlineString)
            {
                return new XlsxCell(cell.CellReference!, "text", cell.InlineString!.Text!.Text, null, null, format);
            }

            if (cell.DataType?.Value == CellValues.Boolean)
            {
                return new XlsxCell(cell.CellReference!, "boolean", null, null, cell.CellValue!.Text == "1", format);
            }

            Assert.Null(cell.DataType);
            var number = double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
            var isDate = format is not null && format.Contains("yy", StringComparison.Ordinal);
            return new XlsxCell(cell.CellReference!, isDate ? "date" : "number", null, number, null, format);
        }

        var rows = worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => (IReadOnlyList<XlsxCell>)r.Elements<Cell>().Select(Read).ToList()).ToList();
        var pane = worksheet.GetFirstChild<SheetViews>()?.GetFirstChild<SheetView>()?.GetFirstChild<Pane>();
        var frozen = pane is not null && pane.State?.Value == PaneStateValues.Frozen && pane.VerticalSplit?.Value == 1 && pane.TopLeftCell?.Value == "A2";
        var headerCell = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().First().Elements<Cell>().First();
        var headerFont = fonts[(int)cellFormats[(int)headerCell.StyleIndex!.Value].FontId!.Value];
        return new XlsxBook(
            sheet.Name!,
            rows,
            frozen,
            worksheet.GetFirstChild<AutoFilter>()?.Reference?.Value,
            [.. worksheet.GetFirstChild<Columns>()!.Elements<Column>().Select(c => c.Width!.Value)],
            headerFont.GetFirstChild<Bold>() is not null);
    }

    /// <summary>Every part of the package as text, for searching what a file contains anywhere.</summary>
    public static string AllParts(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }

    /// <summary>RFC 4180: records end with CRLF, quoted fields may hold commas, quotes (doubled) and line breaks.</summary>
    public static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                Assert.False(c is '\r' or '\n', $"Bare line break outside quotes at {i}.");
                field.Append(c);
            }
        }

        Assert.True(field.Length == 0 && fields.Count == 0, "The file must end with CRLF.");
        return records;
    }

    public static async IAsyncEnumerable<T> Async<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
