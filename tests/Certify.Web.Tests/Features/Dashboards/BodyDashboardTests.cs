using System.Net;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Reviews;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Dashboards;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Features.Distinctives;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Dashboards;

/// <summary>
/// The body dashboard on a small fixed data set in Zacatecas (no demo company is there), so every figure has a known
/// value: one assessment per state; five decided reviews of 1, 2, 4, 6 and 20 days, the last one late; findings whose
/// latest-review verdicts are SUB-01 minor ×3, LIB-01 major, SUB-02 critical, and an older review's SUB-03 critical
/// that must not count; six distinctives issued in Zacatecas of which three are active (A, A, B) and one ends within 60 days.
/// </summary>
public sealed class BodyDashboardTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>, IAsyncLifetime
{
    private static readonly DashboardFilter Zacatecas = new(State: MexicanState.Zacatecas);
    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private const string AdminEmail = "admin@dashboard.example";
    private const string AuditorEmail = "auditor@dashboard.example";
    private int _bodyId;

    /// <summary>xUnit makes one instance per test; the data set is written once per database (the class fixture).</summary>
    public async Task InitializeAsync()
    {
        _bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        await SeedLock.WaitAsync();
        try
        {
            if (await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == AdminEmail)))
            {
                return;
            }

            await factory.AddBodyMembershipAsync(_bodyId, await factory.CreateUserAsync(AdminEmail, authenticator: true), BodyRole.ProgramAdmin);
            await factory.AddBodyMembershipAsync(_bodyId, await factory.CreateUserAsync(AuditorEmail, authenticator: true), BodyRole.Auditor);
            await SeedAsync();
        }
        finally
        {
            SeedLock.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Figures_FixedDataSet_MatchTheKnownValues()
    {
        var d = await DashboardAsync(AdminEmail, Zacatecas);

        Assert.Equal("DRL-AUTO", d.Program.Code);
        Assert.True(d.CanExport);
        Assert.All(d.Pipeline, stage => Assert.Equal(1, stage.Count));
        Assert.Equal(7, d.Pipeline.Count);
        Assert.Equal(new ReviewTimes(5, 4m, 20m, 4), d.ReviewTimes);
        Assert.Equal(80m, d.ReviewTimes.WithinDeadlineShare);
        Assert.Equal(
            [("SUB", 3, 2, 66.7m), ("LIB", 3, 2, 66.7m), ("IGU", 3, 3, 100m)],
            d.TopicPassRates.Select(t => (t.SectionCode, t.Decided, t.Passed, t.Rate!.Value)));
        Assert.Equal(
            [("SUB-01", 3, 100m), ("LIB-01", 1, 33.3m), ("SUB-02", 1, 33.3m)],
            d.TopNonCompliant.Select(q => (q.QuestionCode, q.Count, q.Share)));
        Assert.Equal(
            [new StateLevelCount(MexicanState.Zacatecas, "A", 2), new StateLevelCount(MexicanState.Zacatecas, "B", 1)],
            d.ActiveByStateAndLevel);
        var expiring = Assert.Single(d.Expiring);
        Assert.Equal(1, d.ExpiringTotal);
        Assert.Equal("Dashboard Vence Pronto, S.A. de C.V.", expiring.CompanyName);
        Assert.InRange(expiring.DaysLeft, 28, 30);
    }

    [Fact]
    public async Task Figures_PeriodExcludingTheOldDraft_DropsItAndOnlyIt()
    {
        var today = BodyCalendar.Today(TimeProvider.System);

        var d = await DashboardAsync(AuditorEmail, Zacatecas with { From = today.AddDays(-60), To = today });

        Assert.False(d.CanExport);
        Assert.Equal(0, d.Pipeline.Single(p => p.State == AssessmentState.Draft).Count);
        Assert.Equal(6, d.Pipeline.Sum(p => p.Count));
        Assert.Equal(5, d.ReviewTimes.Decided);
        Assert.Equal(3, d.ActiveByStateAndLevel.Sum(x => x.Count));
    }

    [Fact]
    public async Task Figures_EmptyScope_NoDivisionByZero()
    {
        var d = await DashboardAsync(AdminEmail, new DashboardFilter(State: MexicanState.Colima));

        Assert.Equal(0, d.Pipeline.Sum(p => p.Count));
        Assert.Equal(new ReviewTimes(0, null, null, 0), d.ReviewTimes);
        Assert.Null(d.ReviewTimes.WithinDeadlineShare);
        Assert.All(d.TopicPassRates, t => Assert.Null(t.Rate));
        Assert.Empty(d.TopNonCompliant);
        Assert.Empty(d.Expiring);
    }

    [Fact]
    public async Task Page_Staff_ShowsFiguresChartsAndTables()
    {
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, AdminEmail);

        using var response = await client.GetAsync($"/organismos/{_bodyId}/tablero?entidad=Zacatecas");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = CertifyWebFactory.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("4 días", WebUtility.HtmlDecode(page.QuerySelector("[data-testid=median-review]")!.TextContent.Trim()));
        Assert.Equal("20 días", WebUtility.HtmlDecode(page.QuerySelector("[data-testid=p90-review]")!.TextContent.Trim()));
        Assert.Equal("80%", page.QuerySelector("[data-testid=within-deadline]")!.TextContent.Trim());
        foreach (var chart in new[] { "pipeline", "pass-rate", "top-non-compliant", "active-by-state" })
        {
            var canvas = page.QuerySelector($"canvas#{chart}");
            Assert.NotNull(canvas);
            Assert.Contains("\"labels\"", canvas!.GetAttribute("data-chart"), StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector($"table#{chart}-table"));
        }

        var top = page.QuerySelector("table#top-non-compliant-table tbody tr")!;
        Assert.StartsWith("SUB-01", top.QuerySelector("th")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("100%", top.QuerySelector("td")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=export-menu] a[data-export='evaluaciones.xlsx'][href*='entidad=Zacatecas']"));
    }

    [Fact]
    public async Task Page_OtherBodyStaffCompanyUserAndAnonymous_Refused()
    {
        var otherBody = await factory.WithDbAsync(async db =>
        {
            var body = new CertifyingBody { Name = "Otro organismo del tablero", Slug = $"otro-{Guid.NewGuid():N}"[..20], CreatedAt = DateTimeOffset.UtcNow };
            db.CertifyingBodies.Add(body);
            await db.SaveChangesAsync();
            return body.Id;
        });
        var outsider = $"outsider-{Guid.NewGuid():N}@dashboard.example";
        await factory.AddBodyMembershipAsync(otherBody, await factory.CreateUserAsync(outsider, authenticator: true), BodyRole.ProgramAdmin);
        var company = await factory.CreateCompanyAsync("Tablero Empresa Curiosa");

        foreach (var email in new[] { outsider, company.Email })
        {
            var client = factory.CreateBrowserClient();
            await factory.SignInAsync(client, email);
            using var response = await client.GetAsync($"/organismos/{_bodyId}/tablero");
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{email}: {response.StatusCode}");
            Assert.DoesNotContain("data-testid=\"review-times\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var anonymous = await factory.CreateBrowserClient().GetAsync($"/organismos/{_bodyId}/tablero");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("Account/Login", anonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Null(await factory.WithServiceAsync<BodyDashboardService, BodyDashboard?>(s =>
            s.GetAsync(_bodyId, DashboardFilter.None, company.Principal, CancellationToken.None)));
    }

    [Fact]
    public void NearestRank_SmallCounts_PicksTheRankedIndex()
    {
        Assert.Equal(0, BodyDashboardService.NearestRank(1, 50));
        Assert.Equal(0, BodyDashboardService.NearestRank(1, 90));
        Assert.Equal(0, BodyDashboardService.NearestRank(2, 50));
        Assert.Equal(1, BodyDashboardService.NearestRank(2, 90));
        Assert.Equal(4, BodyDashboardService.NearestRank(10, 50));
        Assert.Equal(8, BodyDashboardService.NearestRank(10, 90));
    }

    private async Task<BodyDashboard> DashboardAsync(string email, DashboardFilter filter)
    {
        var userId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var principal = new CompanyUser(0, userId, email).Principal;
        return await factory.WithServiceAsync<BodyDashboardService, BodyDashboard?>(s => s.GetAsync(_bodyId, filter, principal, CancellationToken.None))
            ?? throw new InvalidOperationException($"{email} cannot see the dashboard.");
    }

    private async Task SeedAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var start = now.AddDays(-40);
        await AssessmentAsync("Dashboard Borrador", AssessmentState.Draft, now.AddDays(-300));
        await AssessmentAsync("Dashboard Enviada", AssessmentState.Submitted, start);
        await AssessmentAsync("Dashboard En Revisión", AssessmentState.InReview, start);
        var changes = await AssessmentAsync("Dashboard Cambios", AssessmentState.ChangesRequested, start);
        var approved = await AssessmentAsync("Dashboard Aprobada", AssessmentState.Approved, start);
        var issued = await AssessmentAsync("Dashboard Emitida", AssessmentState.Issued, start);
        var rejected = await AssessmentAsync("Dashboard Rechazada", AssessmentState.Rejected, start);

        await ReviewAsync(changes, 1, start, decidedAfterDays: 2, dueAfterDays: 10);
        await ReviewAsync(approved, 1, start, 4, 10, ("SUB-01", FindingSeverity.Minor), ("IGU-01", FindingSeverity.Observation));
        await ReviewAsync(issued, 1, start, 6, 10, ("SUB-01", FindingSeverity.Minor), ("LIB-01", FindingSeverity.Major));
        await ReviewAsync(rejected, 1, start, 1, 10, ("SUB-03", FindingSeverity.Critical));
        await ReviewAsync(rejected, 2, start.AddDays(2), 20, 15, ("SUB-01", FindingSeverity.Minor), ("SUB-02", FindingSeverity.Critical));

        // Each distinctive sits on an approved assessment of its own, of the demo company in Guanajuato: outside the
        // assessment figures, inside the distinctive ones (a distinctive keeps the state it was issued with).
        var zac = new DistinctiveSpec { State = MexicanState.Zacatecas, LegalName = "Dashboard Vence Pronto, S.A. de C.V." };
        await factory.CreateDistinctiveAsync(zac with { ValidFrom = now.AddDays(-700), ValidUntil = now.AddDays(30) });
        await factory.CreateDistinctiveAsync(zac with { Level = "A", LegalName = "Otra", ValidFrom = now.AddDays(-10), ValidUntil = now.AddDays(90) });
        await factory.CreateDistinctiveAsync(zac with { Level = "B", LegalName = "Otra", ValidFrom = now.AddDays(-10), ValidUntil = now.AddDays(200) });
        await factory.CreateDistinctiveAsync(zac with { LegalName = "Otra", RevokedAt = now.AddDays(-1), StatusReason = "r" });
        await factory.CreateDistinctiveAsync(zac with { LegalName = "Otra", SuspendedAt = now.AddDays(-1), StatusReason = "s" });
        await factory.CreateDistinctiveAsync(zac with { LegalName = "Otra", ValidFrom = now.AddDays(-800), ValidUntil = now.AddDays(-1) });
    }

    private async Task<CompanyUser> ZacatecasCompanyAsync(string name)
    {
        var company = await factory.CreateCompanyAsync(name);
        await factory.WithDbAsync(db => db.Companies.Where(c => c.Id == company.CompanyId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, MexicanState.Zacatecas)));
        return company;
    }

    private async Task<int> AssessmentAsync(string name, AssessmentState state, DateTimeOffset createdAt)
    {
        var company = await ZacatecasCompanyAsync(name);
        var programId = await factory.ProgramIdAsync();
        return await factory.WithDbAsync(async db =>
        {
            var versionId = await db.Programs.Where(p => p.Id == programId).Select(p => p.QuestionnaireVersionId).SingleAsync();
            var assessment = new Assessment
            {
                CompanyId = company.CompanyId, ProgramId = programId, QuestionnaireVersionId = versionId, State = state,
                CreatedAt = createdAt, CreatedByUserId = company.UserId, Version = Guid.NewGuid(),
                OpenSlot = AssessmentWorkflow.IsOpen(state) ? Assessment.SlotFor(company.CompanyId, programId) : null,
            };
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            return assessment.Id;
        });
    }

    private Task ReviewAsync(int assessmentId, int submission, DateTimeOffset createdAt, int decidedAfterDays, int dueAfterDays, params (string Code, FindingSeverity Severity)[] findings) =>
        factory.WithDbAsync(async db =>
        {
            var review = new Review
            {
                AssessmentId = assessmentId, SubmissionNumber = submission, CreatedAt = createdAt,
                DueOn = DateOnly.FromDateTime(BodyCalendar.Local(createdAt).DateTime).AddDays(dueAfterDays),
                DecidedAt = createdAt.AddDays(decidedAfterDays),
            };
            db.Reviews.Add(review);
            await db.SaveChangesAsync();
            foreach (var (code, severity) in findings)
            {
                db.Findings.Add(new Finding
                {
                    ReviewId = review.Id, AssessmentId = assessmentId, QuestionCode = code, Severity = severity, Comment = "c",
                    PrivateNote = "nota privada", CreatedAt = createdAt, UpdatedAt = createdAt, UpdatedByUserId = "test",
                });
            }

            return await db.SaveChangesAsync();
        });
}
