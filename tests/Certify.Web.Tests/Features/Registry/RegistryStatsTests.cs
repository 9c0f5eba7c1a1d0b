using Certify.Domain.Companies;
using Certify.Web.Features.Dashboards;
using Certify.Web.Features.Registry;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Features.Distinctives;
using Certify.Web.Tests.Infrastructure;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Registry;

/// <summary>The registry's transparency figures, on distinctives issued in Zacatecas (no demo distinctive is there).</summary>
public sealed class RegistryStatsTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Compute_KnownDistinctives_CountsActiveByStateAndLevelAndMonthsInMexicoCityTime()
    {
        var before = await ComputeAsync();
        var today = BodyCalendar.Today(TimeProvider.System);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var firstInstant = BodyCalendar.StartOf(thisMonth);
        var zac = new DistinctiveSpec { State = MexicanState.Zacatecas };

        // Local midnight opening the month counts for it; half an hour earlier (already the 1st in UTC) for the month before.
        await factory.CreateDistinctiveAsync(zac with { ValidFrom = firstInstant, ValidUntil = firstInstant.AddYears(2) });
        await factory.CreateDistinctiveAsync(zac with { Level = "B", ValidFrom = firstInstant.AddMinutes(-30), ValidUntil = firstInstant.AddYears(2) });
        await factory.CreateDistinctiveAsync(zac with { Level = "B", ValidFrom = firstInstant.AddMinutes(-30), ValidUntil = firstInstant.AddYears(2), RevokedAt = DateTimeOffset.UtcNow, StatusReason = "r" });
        await factory.CreateDistinctiveAsync(zac with { ValidFrom = firstInstant.AddYears(-3), ValidUntil = firstInstant.AddYears(-1) });

        var after = await ComputeAsync();

        Assert.Equal(
            [new StateLevelCount(MexicanState.Zacatecas, "A", 1), new StateLevelCount(MexicanState.Zacatecas, "B", 1)],
            after.ActiveByStateAndLevel.Where(x => x.State == MexicanState.Zacatecas));
        Assert.Equal(12, after.IssuedPerMonth.Count);
        Assert.Equal((today.Year, today.Month), (after.IssuedPerMonth[^1].Year, after.IssuedPerMonth[^1].Month));
        var delta = after.IssuedPerMonth.Zip(before.IssuedPerMonth, (a, b) => a.Count - b.Count).ToList();
        Assert.Equal(1, delta[^1]);
        Assert.Equal(2, delta[^2]);
        Assert.All(delta.SkipLast(2), d => Assert.Equal(0, d));
    }

    [Fact]
    public async Task Get_AfterAnIssuance_TheCachedFiguresAreRecomputed()
    {
        var before = await factory.WithServiceAsync<RegistryStatsService, RegistryStats>(s => s.GetAsync(CancellationToken.None));
        var (_, assessmentId) = await factory.ApprovedAsync("Transparencia Recién Emitida");

        await factory.IssueAsync(assessmentId);

        var after = await factory.WithServiceAsync<RegistryStatsService, RegistryStats>(s => s.GetAsync(CancellationToken.None));
        Assert.Equal(before.ActiveByStateAndLevel.Sum(x => x.Count) + 1, after.ActiveByStateAndLevel.Sum(x => x.Count));
        Assert.Equal(before.IssuedPerMonth[^1].Count + 1, after.IssuedPerMonth[^1].Count);
    }

    [Fact]
    public async Task RegistryPage_Anonymous_ShowsBothTransparencyChartsWithTheirTables()
    {
        using var response = await factory.CreateBrowserClient().GetAsync("/registro");

        var page = CertifyWebFactory.Parse(await response.Content.ReadAsStringAsync());
        var section = page.QuerySelector("[data-testid=transparency]");
        Assert.NotNull(section);
        Assert.NotNull(section!.QuerySelector("canvas#registry-by-state[data-chart]"));
        Assert.Equal(12, section.QuerySelectorAll("table#registry-per-month-table tbody tr").Length);
        Assert.NotEmpty(section.QuerySelectorAll("table#registry-by-state-table tbody tr"));
    }

    private Task<RegistryStats> ComputeAsync() =>
        factory.WithServiceAsync<RegistryStatsService, RegistryStats>(s => s.ComputeAsync(CancellationToken.None));
}
