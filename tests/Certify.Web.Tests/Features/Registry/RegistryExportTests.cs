using System.Net;
using System.Text;
using Certify.Domain.Companies;
using Certify.Web.Tests.Features.Distinctives;
using Certify.Web.Tests.Features.Exports;
using Certify.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;


namespace Certify.Web.Tests.Features.Registry;

/// <summary>
/// <c>/registro/exportar.csv</c> on a known set of 25 distinctives named "Exportación Conocida …" (more than one page
/// of the registry), three of them with names that need quoting or would run as a spreadsheet formula.
/// </summary>
public sealed class RegistryExportTests(RegistryExportTests.KnownExportFactory data) : IClassFixture<RegistryExportTests.KnownExportFactory>
{
    private const string Search = "/registro/exportar.csv?q=Exportaci%C3%B3n+Conocida";

    /// <summary>22 active Jalisco A; one suspended and one revoked in Puebla B; one expired Jalisco C.</summary>
    public sealed class KnownExportFactory : IAsyncLifetime
    {
        public CertifyWebFactory Factory { get; } = new();

        public List<TestDistinctive> Created { get; } = [];

        public async Task InitializeAsync()
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 25; i++)
            {
                var spec = new DistinctiveSpec
                {
                    LegalName = $"Exportación Conocida {i:D2}, S.A. de C.V.",
                    Rfc = TestData.ValidRfc($"ECO2001{i + 1:D2}A1"),
                    State = MexicanState.Jalisco,
                    Level = "A",
                };
                spec = i switch
                {
                    22 => spec with { LegalName = "Exportación Conocida 22 \"La Comilla\", S.A.", State = MexicanState.Puebla, Level = "B", SuspendedAt = now.AddDays(-2), StatusReason = "Revisión" },
                    23 => spec with { LegalName = "=Exportación Conocida 23", State = MexicanState.Puebla, Level = "B", RevokedAt = now.AddDays(-1), StatusReason = "Fraude" },
                    24 => spec with { LegalName = "-Exportación Conocida 24, S.A.", Level = "C", ValidFrom = now.AddYears(-3), ValidUntil = now.AddYears(-1) },
                    _ => spec,
                };
                Created.Add(await Factory.CreateDistinctiveAsync(spec));
            }
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Get_Search_AllMatchingRowsAsAUtf8CsvAttachmentInSpanish()
    {
        using var client = data.Factory.CreateClient();

        using var response = await client.GetAsync(Search);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Matches(@"^registro-distintivos-\d{4}-\d{2}-\d{2}\.csv$", disposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text.Replace("\r\n", "", StringComparison.Ordinal));

        var records = ExportFiles.ParseCsv(text);
        Assert.Equal(
            ["Número", "Código de verificación", "Empresa", "RFC", "Entidad", "Programa", "Nivel", "Temas", "Vigente desde", "Vigente hasta", "Estatus", "Liga de verificación"],
            records[0]);
        Assert.Equal(26, records.Count);

        // The registry's order (by name); texts a spreadsheet would run as formulas start with an apostrophe.
        Assert.Equal("'-Exportación Conocida 24, S.A.", records[1][2]);
        Assert.Equal("'=Exportación Conocida 23", records[2][2]);
        Assert.Equal("Exportación Conocida 00, S.A. de C.V.", records[3][2]);
        Assert.Contains("\"'-Exportación Conocida 24, S.A.\",", text, StringComparison.Ordinal);
        Assert.Contains(",\"Exportación Conocida 22 \"\"La Comilla\"\", S.A.\",", text, StringComparison.Ordinal);

        var first = data.Created[0];
        var row = Assert.Single(records, r => r[0] == first.Number);
        Assert.Equal(first.Code.Format(), row[1]);
        Assert.Equal(TestData.ValidRfc("ECO200101A1"), row[3]);
        Assert.Equal(["Jalisco", "A", "Subcontratación; Libertad sindical y negociación colectiva", "Vigente"], [row[4], row[6], row[7], row[10]]);
        Assert.False(string.IsNullOrEmpty(row[5]));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", row[8]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", row[9]);
        Assert.EndsWith($"/verificar/{first.Code.Format()}", row[11], StringComparison.Ordinal);
        Assert.Equal(
            ["Revocado", "Suspendido", "Vencido"],
            records.Skip(1).Select(r => r[10]).Where(s => s != "Vigente").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("&estatus=revocado", 1)]
    [InlineData("&estatus=vigente", 22)]
    [InlineData("&entidad=Puebla&nivel=B", 2)]
    [InlineData("&programa=DRL-AUTO&nivel=C", 1)]
    [InlineData("&programa=OTRO", 0)]
    public async Task Get_Filters_OnlyMatchingRows(string filters, int expected)
    {
        using var client = data.Factory.CreateClient();

        var records = ExportFiles.ParseCsv(await ReadCsvAsync(client, Search + filters));

        Assert.Equal(expected, records.Count - 1);
    }

    [Fact]
    public async Task Get_EnglishCookie_HeadersAndWordsInEnglish()
    {
        using var client = data.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US");

        var records = ExportFiles.ParseCsv(await ReadCsvAsync(client, Search + "&estatus=revocado"));

        Assert.Equal("Number,Verification code,Company,RFC,State,Program,Level,Topics,Valid from,Valid until,Status,Verification URL", string.Join(',', records[0]));
        Assert.Equal(["Revoked", "Subcontracting; Freedom of association and collective bargaining"], [records[1][10], records[1][7]]);
    }

    [Fact]
    public async Task RegistryPage_Filters_LinkToTheExportWithTheSameFilters()
    {
        using var client = data.Factory.CreateClient();

        var html = await client.GetStringAsync("/registro?q=Exportaci%C3%B3n+Conocida&entidad=Jalisco&estatus=vigente&pagina=2");

        var link = CertifyWebFactory.Parse(html).QuerySelector("a[data-testid=registry-csv]")!;
        Assert.Equal("Descargar CSV", link.TextContent.Trim());
        var href = link.GetAttribute("href")!;
        Assert.StartsWith("registro/exportar.csv?", href, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(href[href.IndexOf('?', StringComparison.Ordinal)..]);
        Assert.Equal(["q", "entidad", "estatus"], query.Keys);
        Assert.Equal(("Exportación Conocida", "Jalisco", "Active"), (query["q"].ToString(), query["entidad"].ToString(), query["estatus"].ToString()));
        Assert.Equal(22, ExportFiles.ParseCsv(await ReadCsvAsync(client, "/" + href)).Count - 1);
    }

    private static async Task<string> ReadCsvAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }
}

/// <summary>The export is limited per client like the public API.</summary>
public sealed class RegistryExportRateLimitTests(TinyRateLimitFactory limited) : IClassFixture<TinyRateLimitFactory>
{
    [Fact]
    public async Task Get_OverTheLimit_Answers429WithRetryAfter()
    {
        using var client = limited.App.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync("/registro/exportar.csv?q=nadie");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await client.GetAsync("/registro/exportar.csv?q=nadie");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null || refused.Headers.Contains("Retry-After"));
    }
}
