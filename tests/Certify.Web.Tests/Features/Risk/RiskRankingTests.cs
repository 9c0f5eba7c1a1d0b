using System.Net;
using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Reviews;
using Certify.Domain.Risk;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Risk;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Risk;

/// <summary>
/// The body's risk ranking end to end on the demo data plus two companies in Zacatecas: one with a heavy history
/// (three critical items failed now, an open major finding in freedom of association, over-claiming) and one clean.
/// </summary>
public sealed class RiskRankingTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>, IAsyncLifetime
{
    private const string AdminEmail = "programa@riesgo.example";
    private const string AuditorEmail = "auditora@riesgo.example";
    private const string OwnerEmail = "rh@riesgo-alto.example";
    private const string OtherAdminEmail = "programa@otro-riesgo.example";
    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private int _bodyId;
    private int _risky;
    private int _clean;

    public async Task InitializeAsync()
    {
        _bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        await SeedLock.WaitAsync();
        try
        {
            if (await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == AdminEmail)))
            {
                _risky = await factory.WithDbAsync(db => db.Companies.Where(c => c.LegalName.StartsWith("Riesgo Alto Forjados")).Select(c => c.Id).SingleAsync());
                _clean = await factory.WithDbAsync(db => db.Companies.Where(c => c.LegalName.StartsWith("Riesgo Bajo Moldes")).Select(c => c.Id).SingleAsync());
                return;
            }

            await factory.AddBodyMembershipAsync(_bodyId, await factory.CreateUserAsync(AdminEmail, authenticator: true), BodyRole.ProgramAdmin);
            await factory.AddBodyMembershipAsync(_bodyId, await factory.CreateUserAsync(AuditorEmail, authenticator: true), BodyRole.Auditor);
            var other = await factory.CreateBodyAsync("otro-riesgo", "Otro organismo (riesgo)");
            await factory.AddBodyMembershipAsync(other, await factory.CreateUserAsync(OtherAdminEmail, authenticator: true), BodyRole.ProgramAdmin);

            var now = DateTimeOffset.UtcNow;
            _risky = await factory.CreateCompanyAsync("Riesgo Alto Forjados", workers: 400, AutoPartsTier.Tier1, MexicanState.Zacatecas);
            await factory.CreateAssessmentAsync(_risky, AssessmentState.Approved,
                new SubmissionSpec(now.AddDays(-200), 0, 95m, now.AddDays(-190), 70m,
                    new FindingSpec("LIB-01", FindingSeverity.Major, FindingStatus.Open, now.AddDays(-191), now.AddDays(-191), DateOnly.FromDateTime(now.AddDays(-100).UtcDateTime))));
            await factory.CreateAssessmentAsync(_risky, AssessmentState.InReview, new SubmissionSpec(now.AddDays(-3), 3, 90m));
            await factory.AddCompanyMembershipAsync(_risky, await factory.CreateUserAsync(OwnerEmail), CompanyRole.Owner);

            _clean = await factory.CreateCompanyAsync("Riesgo Bajo Moldes", workers: 8, AutoPartsTier.Tier3, MexicanState.Zacatecas);
            await factory.CreateAssessmentAsync(_clean, AssessmentState.Approved,
                new SubmissionSpec(now.AddDays(-30), 0, 92m, now.AddDays(-20), 93m,
                    new FindingSpec("SUB-01", FindingSeverity.Conformity, FindingStatus.Closed, now.AddDays(-21), now.AddDays(-21))));
        }
        finally
        {
            SeedLock.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Ranking_ProgramAdmin_HighestFirstWithBandReasonsAndVersion()
    {
        var client = await SignedInAsync(AdminEmail);

        var html = await client.GetStringAsync($"/organismos/{_bodyId}/riesgo?entidad=Zacatecas");

        var page = CertifyWebFactory.Parse(html);
        var rows = page.QuerySelectorAll("[data-testid=risk-ranking] > tbody > tr").ToList();
        Assert.Equal([_risky.ToString(), _clean.ToString()], rows.Select(r => r.GetAttribute("data-company")));
        var top = rows[0].TextContent;
        Assert.Contains("alto", top, StringComparison.Ordinal);
        Assert.Contains("3 preguntas críticas incumplidas en la última autoevaluación", top, StringComparison.Ordinal);
        Assert.Contains("1 no conformidad mayor abierta en Libertad sindical y negociación colectiva", top, StringComparison.Ordinal);
        Assert.Contains("autoevaluación 25 puntos por encima de la calificación del auditor", top, StringComparison.Ordinal);
        Assert.Contains("versión", top, StringComparison.Ordinal);
        Assert.Contains("bajo", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains($"organismos/{_bodyId}/envios?q=", rows[0].QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=risk-sample-form]"));
    }

    [Fact]
    public async Task Ranking_TopicFilter_KeepsCompaniesWithAnOpenNonConformityInIt()
    {
        var client = await SignedInAsync(AdminEmail);

        var lib = CertifyWebFactory.Parse(await client.GetStringAsync($"/organismos/{_bodyId}/riesgo?entidad=Zacatecas&tema=LIB"));
        var igu = CertifyWebFactory.Parse(await client.GetStringAsync($"/organismos/{_bodyId}/riesgo?entidad=Zacatecas&tema=IGU"));

        Assert.Equal([_risky.ToString()], lib.QuerySelectorAll("[data-testid=risk-ranking] > tbody > tr").Select(r => r.GetAttribute("data-company")));
        Assert.NotNull(igu.QuerySelector("[data-testid=risk-empty]"));
    }

    [Fact]
    public async Task Ranking_Auditor_SeesItButCannotDrawOrExport()
    {
        var client = await SignedInAsync(AuditorEmail);

        var page = CertifyWebFactory.Parse(await client.GetStringAsync($"/organismos/{_bodyId}/riesgo"));
        using var export = await client.GetAsync($"/organismos/{_bodyId}/riesgo/exportar.csv");

        Assert.NotNull(page.QuerySelector("[data-testid=risk-ranking]"));
        Assert.Null(page.QuerySelector("[data-testid=risk-sample-form]"));
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);

        // A sample the admin drew: the auditor reads it, without the download links, and its download is refused.
        var admin = new CompanyUser(0, await factory.UserIdAsync(AdminEmail), AdminEmail).Principal;
        var drawn = await factory.WithServiceAsync<RiskRankingService, RiskSampleResult?>(s => s.DrawAsync(_bodyId, RiskFilter.None, 1, 7, admin, CancellationToken.None));
        var sample = CertifyWebFactory.Parse(await client.GetStringAsync($"/organismos/{_bodyId}/riesgo/muestras/{drawn!.SampleId}"));
        using var sampleExport = await client.GetAsync($"/organismos/{_bodyId}/riesgo/muestras/{drawn.SampleId}.csv");
        Assert.NotNull(sample.QuerySelector("[data-testid=sample-items]"));
        Assert.Empty(sample.QuerySelectorAll("a[data-export]"));
        Assert.Equal(HttpStatusCode.NotFound, sampleExport.StatusCode);
    }

    [Theory]
    [InlineData(OtherAdminEmail)]
    [InlineData(OwnerEmail)]
    public async Task Ranking_OtherBodyOrCompanyUser_NotFound(string email)
    {
        var client = await SignedInAsync(email);
        var sampleId = await factory.WithDbAsync(async db =>
        {
            var sample = new Certify.Data.Entities.RiskSample
            {
                CertifyingBodyId = _bodyId, Requested = 1, Seed = 1, Candidates = 1, DrawnAt = DateTimeOffset.UtcNow, DrawnByUserId = "test", ItemsJson = "[]",
            };
            db.RiskSamples.Add(sample);
            await db.SaveChangesAsync();
            return sample.Id;
        });

        foreach (var url in new[]
        {
            $"/organismos/{_bodyId}/riesgo", $"/organismos/{_bodyId}/riesgo/modelo", $"/organismos/{_bodyId}/riesgo/muestras/{sampleId}",
            $"/organismos/{_bodyId}/riesgo/exportar.csv", $"/organismos/{_bodyId}/riesgo/muestras/{sampleId}.xlsx",
        })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound || response.Headers.Location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true,
                $"{email} on {url} got {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Sample_DrawnWithASeed_StoredAuditedReplayableAndExported()
    {
        var client = await SignedInAsync(AdminEmail);
        var url = $"/organismos/{_bodyId}/riesgo?entidad=Zacatecas";
        var fields = new Dictionary<string, string> { ["Sample.Count"] = "1", ["Sample.Seed"] = "4242", ["Sample.State"] = "Zacatecas" };

        using var first = await CertifyWebFactory.PostFormAsync(client, url, "risk-sample", fields);
        using var second = await CertifyWebFactory.PostFormAsync(client, url, "risk-sample", fields);

        var samples = await factory.WithDbAsync(db => db.RiskSamples.Where(s => s.CertifyingBodyId == _bodyId && s.Seed == 4242).OrderBy(s => s.Id).ToListAsync());
        Assert.Equal(2, samples.Count);
        Assert.All(samples, s => Assert.Equal((2, 1, MexicanState.Zacatecas), (s.Candidates, s.Requested, s.State!.Value)));
        Assert.Equal(samples[0].ItemsJson, samples[1].ItemsJson);
        Assert.EndsWith($"/organismos/{_bodyId}/riesgo/muestras/{samples[0].Id}", first.Headers.Location?.OriginalString ?? await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.RiskSampleDrawn && e.EntityId == samples[0].Id.ToString())));

        var page = CertifyWebFactory.Parse(await client.GetStringAsync($"/organismos/{_bodyId}/riesgo/muestras/{samples[0].Id}"));
        Assert.Equal("4242", page.QuerySelector("[data-testid=sample-seed]")!.TextContent.Trim());
        using var csv = await client.GetAsync($"/organismos/{_bodyId}/riesgo/muestras/{samples[0].Id}.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("4242", text, StringComparison.Ordinal);
        Assert.Contains("Riesgo ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_BadSize_ClearMessageAndNothingStored()
    {
        var client = await SignedInAsync(AdminEmail);
        var before = await factory.WithDbAsync(db => db.RiskSamples.CountAsync());

        using var response = await CertifyWebFactory.PostFormAsync(client, $"/organismos/{_bodyId}/riesgo?entidad=Zacatecas", "risk-sample",
            new Dictionary<string, string> { ["Sample.Count"] = "9", ["Sample.State"] = "Zacatecas" });

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Escribe cuántas empresas quieres, de 1 a 2.", html, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.RiskSamples.CountAsync()));
    }

    [Fact]
    public async Task Export_ProgramAdmin_SameRowsAsThePage()
    {
        var client = await SignedInAsync(AdminEmail);

        using var response = await client.GetAsync($"/organismos/{_bodyId}/riesgo/exportar.csv?entidad=Zacatecas");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("Riesgo Alto Forjados", lines[1], StringComparison.Ordinal);
        Assert.Contains("3 preguntas críticas incumplidas", lines[1], StringComparison.Ordinal);
        Assert.Contains("Riesgo Bajo Moldes", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_NeverReachesTheCompanyOrThePublic()
    {
        var owner = await SignedInAsync(OwnerEmail);
        var anonymous = factory.CreateBrowserClient();
        var assessments = await factory.WithDbAsync(db => db.Assessments.Where(a => a.CompanyId == _risky).Select(a => a.Id).ToListAsync());
        var rfc = await factory.WithDbAsync(db => db.Companies.Where(c => c.Id == _risky).Select(c => c.Rfc).SingleAsync());
        var pages = new List<(HttpClient Client, string Url)>
        {
            (owner, $"/empresas/{_risky}"), (owner, $"/empresas/{_risky}/evaluaciones"), (owner, $"/empresas/{_risky}/distintivos"),
            (owner, $"/empresas/{_risky}/seguimiento"), (anonymous, $"/api/v1/registry?query={rfc}"), (anonymous, $"/registro?q={rfc}"),
        };
        pages.AddRange(assessments.SelectMany(id => new[]
        {
            (owner, $"/empresas/{_risky}/evaluaciones/{id}"), (owner, $"/empresas/{_risky}/evaluaciones/{id}/resumen"),
            (owner, $"/empresas/{_risky}/evaluaciones/{id}/acciones"),
        }));

        foreach (var (client, url) in pages)
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            foreach (var secret in new[] { "preguntas críticas incumplidas", "Prioridad de seguimiento", "pesos de expertos", "/riesgo" })
            {
                Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Retraining_RunTwice_OneVersionAndTheRankingUsesIt()
    {
        var job = factory.Services.GetRequiredService<RiskTrainingJob>();

        await job.RunAsync(CancellationToken.None);
        var stored = await job.RunAsync(CancellationToken.None);

        Assert.Equal(0, stored);
        var versions = await factory.WithDbAsync(db => db.RiskModelVersions.Where(m => m.Program!.Code == "DRL-AUTO").ToListAsync());
        var latest = Assert.Single(versions, v => v.Version == versions.Max(x => x.Version));
        Assert.Equal(RiskModelKind.Expert, latest.Kind);
        Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.RiskModelStored)));
        var client = await SignedInAsync(AdminEmail);
        var model = CertifyWebFactory.Parse(await client.GetStringAsync($"/organismos/{_bodyId}/riesgo/modelo"));
        Assert.Contains($"versión {latest.Version} (pesos de expertos)", model.QuerySelector("[data-testid=risk-model-version]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(model.QuerySelector("[data-testid=risk-by-size]"));
        Assert.NotNull(model.QuerySelector("[data-testid=risk-by-state]"));
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, email);
        return client;
    }
}
