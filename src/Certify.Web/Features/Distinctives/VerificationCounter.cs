using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Distinctives;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Distinctives;

/// <summary>
/// Counts the openings of each distinctive's public verification page per day — counts only: no address, no device,
/// no time of day. The page itself is output-cached, so it carries a tiny image (<c>/verificar/{code}/visto.gif</c>)
/// that is never cached: every view of the page, cached or not, loads it once. The count is incremented by the
/// database (an update, or an insert for the day's first view), so concurrent views on several nodes all count.
/// </summary>
public sealed class VerificationCounter(IDbContextFactory<CertifyDbContext> dbFactory, TimeProvider clock)
{
    public const int WindowDays = 30;

    /// <summary>A transparent 1×1 GIF.</summary>
    public static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    /// <summary>Counts one view of the distinctive with <paramref name="code"/>; false when there is no such distinctive.</summary>
    public async Task<bool> CountAsync(string code, CancellationToken ct)
    {
        if (!VerificationCode.TryParse(code, out var parsed))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.Distinctives.Where(d => d.VerificationCode == parsed.Value).Select(d => (long?)d.Id).SingleOrDefaultAsync(ct);
        if (id is not { } distinctiveId)
        {
            return false;
        }

        var today = Shared.BodyCalendar.Today(clock);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await db.DistinctiveVerificationDays.Where(v => v.DistinctiveId == distinctiveId && v.Day == today)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.Count, v => v.Count + 1), ct) == 1)
            {
                return true;
            }

            db.DistinctiveVerificationDays.Add(new DistinctiveVerificationDay { DistinctiveId = distinctiveId, Day = today, Count = 1 });
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException)
            {
                // Another view inserted the day's row first: add to it.
                db.ChangeTracker.Clear();
            }
        }

        return true;
    }

    /// <summary>Views in the last <see cref="WindowDays"/> days (today included), per distinctive.</summary>
    public static async Task<Dictionary<long, int>> LastDaysAsync(CertifyDbContext db, IReadOnlyCollection<long> distinctiveIds, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = today.AddDays(-(WindowDays - 1));
        return await db.DistinctiveVerificationDays.AsNoTracking()
            .Where(v => distinctiveIds.Contains(v.DistinctiveId) && v.Day >= since)
            .GroupBy(v => v.DistinctiveId)
            .Select(g => new { g.Key, Count = g.Sum(v => v.Count) })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }
}
