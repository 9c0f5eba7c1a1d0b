using System.Globalization;
using Certify.Data;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Notifications;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Distinctives;

/// <summary>
/// Daily: warns the company 60, 30 and 7 days before its distinctive expires (in the body's calendar). Expiry itself
/// needs no job: the status is derived from ValidUntil wherever it is shown. Each warning is claimed on
/// Distinctive.LastExpiryWarning in the same transaction as its notifications, so a re-run warns nobody twice and a
/// missed day still warns once, late rather than never.
/// </summary>
public sealed class DistinctiveExpiryJob(IDbContextFactory<CertifyDbContext> dbFactory, Notifier notifier, TimeProvider clock)
{
    public const int BatchSize = 100;

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = BodyCalendar.Today(clock);
        var horizon = now.AddDays(ExpiryWarnings.Thresholds.Max() + 1);
        long after = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var batch = await db.Distinctives.AsNoTracking()
                .Where(d => d.Id > after && d.RevokedAt == null && d.ValidUntil > now && d.ValidUntil <= horizon)
                .OrderBy(d => d.Id)
                .Take(BatchSize)
                .Select(d => new { d.Id, d.CompanyId, d.Number, d.ValidUntil, d.LastExpiryWarning, ProgramCode = d.Program!.Code })
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var distinctive in batch)
            {
                var expiresOn = DateOnly.FromDateTime(BodyCalendar.Local(distinctive.ValidUntil).DateTime);
                if (ExpiryWarnings.Due(expiresOn, today, distinctive.LastExpiryWarning) is not { } threshold)
                {
                    continue;
                }

                var members = await Notifier.CompanyMembersAsync(db, distinctive.CompanyId, ct);
                var previous = distinctive.LastExpiryWarning;
                await notifier.NotifyOnceAsync(
                    db,
                    c => db.Distinctives.Where(d => d.Id == distinctive.Id && d.LastExpiryWarning == previous)
                        .ExecuteUpdateAsync(s => s.SetProperty(d => d.LastExpiryWarning, threshold), c),
                    NotificationKind.DistinctiveExpiring, members, $"/empresas/{distinctive.CompanyId}/distintivos",
                    new Dictionary<string, string>
                    {
                        ["number"] = distinctive.Number,
                        ["program"] = distinctive.ProgramCode,
                        ["due"] = expiresOn.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["count"] = ExpiryWarnings.DaysLeft(expiresOn, today).ToString(CultureInfo.InvariantCulture),
                    },
                    $"distinctive-expiring:{distinctive.Id}:{threshold}", ct);
            }

            after = batch[^1].Id;
        }
    }
}
