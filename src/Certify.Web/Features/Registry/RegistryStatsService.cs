using Certify.Data;
using Certify.Web.Features.Dashboards;
using Certify.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Registry;

/// <summary>Distinctives issued in one month of the bodies' calendar.</summary>
public sealed record IssuedInMonth(int Year, int Month, int Count);

/// <summary>The public registry's transparency figures: active distinctives by state and level, and issued per month.</summary>
public sealed record RegistryStats(IReadOnlyList<StateLevelCount> ActiveByStateAndLevel, IReadOnlyList<IssuedInMonth> IssuedPerMonth)
{
    /// <summary>How many months, up to the current one, the issued-per-month figure covers.</summary>
    public const int Months = 12;
}

/// <summary>
/// Computes the transparency figures with two grouped queries and keeps them in the shared cache
/// (<see cref="CachedFigures"/>) for a few minutes, or until a distinctive is issued or changes status
/// (<see cref="Distinctives.DistinctiveCache"/> forgets them, on every node): they are aggregates of the whole
/// registry, shown to anonymous visitors on every visit of /registro.
/// </summary>
public sealed class RegistryStatsService(IDbContextFactory<CertifyDbContext> dbFactory, CachedFigures figures, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const string CacheKey = "registry-stats";

    public async Task<RegistryStats> GetAsync(CancellationToken ct) =>
        await figures.GetOrLoadAsync(CacheKey, Lifetime, ComputeAsync, ct);

    internal async Task<RegistryStats> ComputeAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var byStateAndLevel = await db.Distinctives.AsNoTracking()
            .Where(d => d.RevokedAt == null && d.SuspendedAt == null && d.ValidFrom <= now && d.ValidUntil > now)
            .GroupBy(d => new { d.State, d.LevelCode })
            .Select(g => new { g.Key.State, g.Key.LevelCode, Count = g.Count() })
            .ToListAsync(ct);

        var today = BodyCalendar.Today(clock);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - RegistryStats.Months);
        var from = BodyCalendar.StartOf(first);
        var perMonth = await db.Distinctives.AsNoTracking().Where(d => d.IssuedAt >= from)
            .GroupBy(d => DbTime.MonthNumber(d.IssuedAt))
            .Select(g => new { Month = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Month, g => g.Count, ct);

        return new RegistryStats(
            byStateAndLevel.OrderBy(x => x.State).ThenBy(x => x.LevelCode, StringComparer.Ordinal)
                .Select(x => new StateLevelCount(x.State, x.LevelCode, x.Count)).ToList(),
            Enumerable.Range(0, RegistryStats.Months).Select(i => first.AddMonths(i))
                .Select(m => new IssuedInMonth(m.Year, m.Month, perMonth.GetValueOrDefault((m.Year * 12) + m.Month - 1)))
                .ToList());
    }
}
