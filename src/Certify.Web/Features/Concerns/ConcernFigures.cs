using Certify.Data;
using Certify.Domain.Companies;
using Certify.Domain.Concerns;
using Certify.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Concerns;

/// <summary>A calendar quarter of the bodies' calendar.</summary>
public readonly record struct Quarter(int Year, int Number)
{
    public static Quarter Of(DateOnly day) => new(day.Year, ((day.Month - 1) / 3) + 1);

    public Quarter Before() => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);
}

/// <summary>
/// One row of the public concern figures: per quarter, the concerns received and closed, each null when below
/// <see cref="ConcernCounts.Threshold"/> ("fewer than 5").
/// </summary>
public sealed record ConcernFigureRow<TKey>(TKey Key, IReadOnlyList<int?> Received, IReadOnlyList<int?> Closed);

/// <summary>The public figures of worker concerns over the last <see cref="Quarters"/> quarters.</summary>
public sealed record ConcernFigures(
    IReadOnlyList<Quarter> Quarters,
    IReadOnlyList<ConcernFigureRow<ConcernTopic>> ByTopic,
    IReadOnlyList<ConcernFigureRow<MexicanState>> ByState)
{
    public const int QuarterCount = 4;
}

/// <summary>
/// Concerns received and closed per quarter, by topic for the whole platform and by the company's state — counts only,
/// and no cell below 5 (<see cref="ConcernCounts"/>), so no figure points at one workplace. Kept in the shared cache
/// for 10 minutes: they are quarterly figures.
/// </summary>
public sealed class ConcernFiguresService(IDbContextFactory<CertifyDbContext> dbFactory, CachedFigures figures, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public async Task<ConcernFigures> GetAsync(CancellationToken ct) =>
        await figures.GetOrLoadAsync("concern-figures", Lifetime, ComputeAsync, ct);

    internal async Task<ConcernFigures> ComputeAsync(CancellationToken ct)
    {
        var current = Quarter.Of(BodyCalendar.Today(clock));
        var quarters = new List<Quarter> { current };
        while (quarters.Count < ConcernFigures.QuarterCount)
        {
            quarters.Insert(0, quarters[0].Before());
        }

        var from = new DateOnly(quarters[0].Year, ((quarters[0].Number - 1) * 3) + 1, 1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Grouped by day in the database; a handful of rows per day at most, summed into quarters here.
        var received = await db.Concerns.AsNoTracking().Where(c => c.ReceivedOn >= from)
            .GroupBy(c => new { Day = c.ReceivedOn, c.Topic, c.Company!.State })
            .Select(g => new { g.Key.Day, g.Key.Topic, g.Key.State, Count = g.Count() }).ToListAsync(ct);
        var closed = await db.Concerns.AsNoTracking().Where(c => c.ClosedOn != null && c.ClosedOn >= from)
            .GroupBy(c => new { Day = c.ClosedOn!.Value, c.Topic, c.Company!.State })
            .Select(g => new { g.Key.Day, g.Key.Topic, g.Key.State, Count = g.Count() }).ToListAsync(ct);

        List<int?> Cells<T>(IEnumerable<T> rows, Func<T, DateOnly> day, Func<T, int> count) =>
            [.. quarters.Select(q => ConcernCounts.Publishable(rows.Where(r => Quarter.Of(day(r)) == q).Sum(count)))];

        var byTopic = Enum.GetValues<ConcernTopic>().Select(topic => new ConcernFigureRow<ConcernTopic>(topic,
            Cells(received.Where(r => r.Topic == topic), r => r.Day, r => r.Count),
            Cells(closed.Where(r => r.Topic == topic), r => r.Day, r => r.Count))).ToList();
        var byState = received.Select(r => r.State).Concat(closed.Select(r => r.State)).Distinct().Order()
            .Select(state => new ConcernFigureRow<MexicanState>(state,
                Cells(received.Where(r => r.State == state), r => r.Day, r => r.Count),
                Cells(closed.Where(r => r.State == state), r => r.Day, r => r.Count))).ToList();
        return new ConcernFigures(quarters, byTopic, byState);
    }
}
