using System.Globalization;
using System.Text;
using Certify.Web.Features.Exports;

namespace Certify.Web.Tests.Features.Exports;

public sealed class CsvExportWriterTests
{
    private sealed record Item(string? Name, int? Count, decimal? Amount, DateOnly? Day, DateTimeOffset? At, bool? Flag);

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
    public async Task WriteAsync_AnyRows_Utf8WithBomCrlfAndHeader()
    {
        var bytes = await WriteAsync(new Item("Peñasco", 1, null, null, null, null));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Equal("Nombre,Cantidad,Importe,Día,Momento,Activo\r\nPeñasco,1,,,,\r\n", text);
    }

    [Fact]
    public async Task WriteAsync_CommasQuotesAndLineBreaks_QuotedPerRfc4180()
    {
        var rows = Parse(await WriteAsync(
            new Item("Forjas \"El Yunque\", Norte", null, null, null, null, null),
            new Item("línea 1\r\nlínea 2", null, null, null, null, null),
            new Item("solo\nLF", null, null, null, null, null)));

        Assert.Equal("Forjas \"El Yunque\", Norte", rows[1][0]);
        Assert.Equal("línea 1\r\nlínea 2", rows[2][0]);
        Assert.Equal("solo\nLF", rows[3][0]);
        Assert.Equal("\"Forjas \"\"El Yunque\"\", Norte\"", CsvExportWriter.Quote("Forjas \"El Yunque\", Norte"));
        Assert.Equal("sin comillas", CsvExportWriter.Quote("sin comillas"));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("+52 477 000")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tTAB")]
    public async Task WriteAsync_TextStartingWithFormulaCharacter_GetsLeadingApostrophe(string value)
    {
        var rows = Parse(await WriteAsync(new Item(value, -5, -1.5m, null, null, null)));

        Assert.Equal("'" + value, rows[1][0]);
        Assert.Equal("-5", rows[1][1]);
        Assert.Equal("-1.5", rows[1][2]);
    }

    [Fact]
    public async Task WriteAsync_UnderACommaDecimalCulture_NumbersInvariantAndDatesIso()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var rows = Parse(await WriteAsync(new Item("x", 1234567, 1234.5m, new DateOnly(2026, 3, 9),
                new DateTimeOffset(2026, 3, 9, 7, 5, 3, TimeSpan.FromHours(-6)), true)));

            Assert.Equal(["x", "1234567", "1234.5", "2026-03-09", "2026-03-09 07:05:03", "true"], rows[1]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task WriteAsync_ValueOfTheWrongType_Throws()
    {
        ExportColumn<Item>[] wrong = [new("Cantidad", ExportColumnType.Integer, i => i.Name)];
        using var output = new MemoryStream();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CsvExportWriter.WriteAsync(output, wrong, ExportFiles.Async([new Item("texto", null, null, null, null, null)]), CancellationToken.None));
    }

    private static async Task<byte[]> WriteAsync(params Item[] items)
    {
        using var output = new MemoryStream();
        await CsvExportWriter.WriteAsync(output, Columns, ExportFiles.Async(items), CancellationToken.None);
        return output.ToArray();
    }

    private static List<string[]> Parse(byte[] bytes) => ExportFiles.ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
}
