using Certify.Data;

namespace Certify.Web.Features.Notifications;

/// <summary>
/// "Tell them once": a claim (a conditional update that changes a row only the first time) and the notifications it
/// guards commit in one transaction, so overlapping or repeated runs of a job notify exactly once.
/// </summary>
public static class ClaimedNotification
{
    /// <summary>
    /// Runs <paramref name="claim"/>; when it changed a row, stages the notifications, saves, commits and dispatches
    /// the e-mails. Returns false when the claim had already been made.
    /// </summary>
    public static async Task<bool> NotifyOnceAsync(
        this Notifier notifier, CertifyDbContext db, Func<CancellationToken, Task<int>> claim,
        NotificationKind kind, IEnumerable<string> userIds, string path, IReadOnlyDictionary<string, string> data, string dedupeKey,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(claim);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await claim(ct) == 0)
        {
            return false;
        }

        var staged = await notifier.StageAsync(db, kind, userIds, path, data, dedupeKey, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        notifier.Dispatch(staged);
        return true;
    }
}
