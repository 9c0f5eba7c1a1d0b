using Certify.Web.Features.Exports;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace Certify.Web.Tests.Features.Exports;

public sealed class XlsxExportWriterTests
{
    private sealed record Item(string? Name, long? Count, decimal? Amount, DateOnly? Day, DateTime? At, bool? Flag);

    private static readonly ExportColumn<Item>[] Columns =
    [
        new("Nombre", ExportColumnType.Text, i => i.Name),
        new("Cantidad", ExportColumnType.Integer, i => i.Count),
        new("Importe", ExportColumnType.Decimal, i => i.Amount),
        new("Día", ExportColumnType.Date, i => i.Day),
        new("Momento", ExportColumnType.DateTime, i => i.At),
        new("Activo", ExportColumnType.Boolean, i => i.Flag),
    ];

    [Fact]
    public async Task WriteAsync_TypedRows_NumbersDatesAndBooleansAreTypedCells()
    {
        var book = await WriteAsync(
            new Item("Forjas \"El Yunque\", Norte", 42, 87.25m, new DateOnly(2026, 3, 9), new DateTime(2026, 3, 9, 10, 30, 0), true),
            new Item("=1+1", -3, null, null, null, false));

        Assert.Equal(["Nombre", "Cantidad", "Importe", "Día", "Momento", "Activo"], book.Header);
        Assert.Equal(3, book.Rows.Count);
        Assert.Equal("Forjas \"El Yunque\", Norte", book.Cell(1, "Nombre").Text);
        Assert.Equal(("number", 42d), (book.Cell(1, "Cantidad").Kind, book.Cell(1, "Cantidad").Number));
        Assert.Equal(("number", 87.25d), (book.Cell(1, "Importe").Kind, book.Cell(1, "Importe").Number));
        Assert.Equal(new DateTime(2026, 3, 9), book.Cell(1, "Día").Date);
        Assert.Equal("yyyy-mm-dd", book.Cell(1, "Día").NumberFormat);
        Assert.Equal(new DateTime(2026, 3, 9, 10, 30, 0), book.Cell(1, "Momento").Date);
        Assert.Equal("yyyy-mm-dd hh:mm", book.Cell(1, "Momento").NumberFormat);
        Assert.True(book.Cell(1, "Activo").Boolean);
        Assert.False(book.Cell(2, "Activo").Boolean);
        // A string cell is never a formula, so XLSX needs no apostrophe.
        Assert.Equal("=1+1", book.Cell(2, "Nombre").Text);
        Assert.Equal(-3d, book.Cell(2, "Cantidad").Number);
        Assert.True(book.IsEmpty(2, "Importe"));
        Assert.True(book.IsEmpty(2, "Día"));
    }

    [Fact]
    public async Task WriteAsync_AnyRows_BoldFrozenHeaderAutoFilterOverTheDataAndWidths()
    {
        var book = await WriteAsync(new Item("a", 1, 1m, null, null, null), new Item("b", 2, 2m, null, null, null));

        Assert.True(book.FrozenHeader);
        Assert.True(book.HeaderBold);
        Assert.Equal("A1:F3", book.AutoFilter);
        Assert.Equal(6, book.Widths.Count);
        Assert.All(book.Widths, w => Assert.InRange(w, 8, 60));
        Assert.True(book.Widths[0] > book.Widths[1], "A text column is wider than a number column.");
    }

    [Fact]
    public async Task WriteAsync_AnyRows_ValidAgainstTheOpenXmlSchema()
    {
        using var output = new MemoryStream();
        await XlsxExportWriter.WriteAsync(output, "Hoja", Columns, ExportFiles.Async(
            [new Item(" espacios ", 1, 2.5m, new DateOnly(2026, 1, 2), new DateTime(2026, 1, 2, 3, 4, 5), true), new Item(null, null, null, null, null, null)]),
            CancellationToken.None);

        using var document = SpreadsheetDocument.Open(new MemoryStream(output.ToArray()), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
        Assert.Contains("xmlns:r=", document.WorkbookPart!.Workbook.OuterXml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_NoRows_HeaderOnlyWithFilterOnTheHeader()
    {
        var book = await WriteAsync();

        Assert.Single(book.Rows);
        Assert.Equal("A1:F1", book.AutoFilter);
    }

    [Fact]
    public async Task WriteAsync_ControlCharactersAndHugeText_DroppedAndCut()
    {
        var book = await WriteAsync(new Item("a\u0001b\u000Bc 😀 ", null, null, null, null, null), new Item(new string('x', 40_000), null, null, null, null, null));

        Assert.Equal("abc 😀 ", book.Cell(1, "Nombre").Text);
        Assert.Equal(XlsxExportWriter.MaxCellText, book.Cell(2, "Nombre").Text!.Length);
    }

    [Theory]
    [InlineData("Evaluaciones", "Evaluaciones")]
    [InlineData("a/b:c*d?[e]\\f", "a b c d  e  f")]
    [InlineData("Una hoja con un nombre demasiado largo", "Una hoja con un nombre demasiad")]
    [InlineData("  ", "Datos")]
    public void SheetName_AnyText_ValidExcelSheetName(string name, string expected) =>
        Assert.Equal(expected, XlsxExportWriter.SheetName(name));

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void ColumnName_Index_ExcelLetters(int index, string expected) => Assert.Equal(expected, XlsxExportWriter.ColumnName(index));

    [Fact]
    public async Task WriteAsync_NonSeekableOutput_Works()
    {
        using var buffer = new MemoryStream();
        await using (var forwardOnly = new ForwardOnlyStream(buffer))
        {
            await XlsxExportWriter.WriteAsync(forwardOnly, "Hoja", Columns, ExportFiles.Async([new Item("a", 1, null, null, null, null)]), CancellationToken.None);
        }

        Assert.Equal(2, ExportFiles.ReadXlsx(buffer.ToArray()).Rows.Count);
    }

    private static async Task<XlsxBook> WriteAsync(params Item[] items)
    {
        using var output = new MemoryStream();
        await XlsxExportWriter.WriteAsync(output, "Hoja de prueba", Columns, ExportFiles.Async(items), CancellationToken.None);
        var book = ExportFiles.ReadXlsx(output.ToArray());
        Assert.Equal("Hoja de prueba", book.SheetName);
        return book;
    }

    /// <summary>Like a response body: write-only, no seeking, and no synchronous writes.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
    }
}
