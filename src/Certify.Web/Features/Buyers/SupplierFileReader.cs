using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Certify.Web.Features.Buyers;

/// <summary>Why an uploaded supplier list could not be read.</summary>
public enum SupplierFileError
{
    None,
    TooLarge,
    Unreadable,
}

/// <summary>
/// Reads the first column of an uploaded supplier list: CSV (UTF-8, comma or semicolon separated, quotes allowed) or
/// XLSX (the first sheet). Row numbers are the file's own (1-based, blank rows counted), so the page can point at them.
/// </summary>
public static class SupplierFileReader
{
    public const long MaxBytes = 2 * 1024 * 1024;

    /// <summary>What an XLSX may expand to: its compressed size is capped by <see cref="MaxBytes"/>, this caps a zip bomb.</summary>
    public const long MaxExpandedBytes = 40 * 1024 * 1024;

    public static async Task<(IReadOnlyList<(int Row, string Text)> Rows, SupplierFileError Error)> ReadAsync(Stream content, string fileName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return ([], SupplierFileError.TooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        var isZip = buffer.Length > 4 && buffer.GetBuffer()[0] == 'P' && buffer.GetBuffer()[1] == 'K';
        try
        {
            if (isZip && ExpandedSize(buffer) > MaxExpandedBytes)
            {
                return ([], SupplierFileError.TooLarge);
            }

            buffer.Position = 0;
            return isZip || fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
                ? (ReadXlsx(buffer), SupplierFileError.None)
                : (ReadCsv(buffer), SupplierFileError.None);
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or IOException or InvalidOperationException or DecoderFallbackException)
        {
            return ([], SupplierFileError.Unreadable);
        }
    }

    /// <summary>The declared uncompressed size of every entry of the archive.</summary>
    private static long ExpandedSize(Stream stream)
    {
        using var archive = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
        return archive.Entries.Sum(e => e.Length);
    }

    private static List<(int Row, string Text)> ReadCsv(Stream stream)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var rows = new List<(int, string)>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            rows.Add((number, FirstField(line)));
        }

        return rows;
    }

    private static string FirstField(string line)
    {
        var text = line.TrimStart();
        if (text.StartsWith('"'))
        {
            var end = text.IndexOf('"', 1);
            return end > 0 ? text[1..end] : text.Trim('"');
        }

        var cut = text.IndexOfAny([',', ';', '\t']);
        return cut >= 0 ? text[..cut] : text;
    }

    private static List<(int, string)> ReadXlsx(Stream stream)
    {
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook.");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("No sheet.");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var rows = new List<(int, string)>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var number = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1));
            var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value is { } r && r.StartsWith('A') && char.IsDigit(r[1]));
            var text = cell is null ? "" : cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var index) && index < shared.Count
                ? shared[index]
                : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : cell.CellValue?.Text ?? "";
            rows.Add((number, text));
        }

        return rows;
    }
}
