using Certify.Data;
using Certify.Web.Features.Notifications;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Reviews;

/// <summary>An item with a due date that a daily job reminds people of and escalates to the body when overdue.</summary>
public interface IDueItem
{
    long Id { get; }

    DateOnly DueOn { get; }

    DateTimeOffset? EscalatedAt { get; }

    int BodyId { get; }
}

/// <summary>
/// The shape both daily deadline jobs share: page through the due items by id (a context per batch), remind the people
/// who must act once per Mexico City day, and escalate each overdue item once to the body's program admins. Every
/// reminder and escalation is claimed with a conditional update committed with its notifications, so running the job
/// twice, or on two nodes at once, tells nobody twice.
/// </summary>
public abstract class DeadlineReminderJob<TDue>(
    IDbContextFactory<CertifyDbContext> dbFactory,
    Notifier notifier,
    TimeProvider clock,
    ILogger logger)
    where TDue : IDueItem
{
    public const int BatchSize = 100;

    /// <summary>How many days before the due date the reminders start.</summary>
    protected abstract int DaysBefore { get; }

    protected Notifier Notifier => notifier;

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken ct)
    {
        var today = BodyCalendar.Today(clock);
        var horizon = today.AddDays(DaysBefore);
        long after = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var batch = await Due(db, after, today, horizon).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var item in batch)
            {
                await RemindAsync(db, item, today, ct);
                await EscalateAsync(db, item, today, ct);
            }

            after = batch[^1].Id;
        }
    }

    /// <summary>
    /// Items with an id above <paramref name="after"/>, in id order, due by <paramref name="horizon"/>, that still need a
    /// reminder today or an escalation.
    /// </summary>
    protected abstract IQueryable<TDue> Due(CertifyDbContext db, long after, DateOnly today, DateOnly horizon);

    /// <summary>Reminds whoever must act, unless already reminded today.</summary>
    protected abstract Task RemindAsync(CertifyDbContext db, TDue item, DateOnly today, CancellationToken ct);

    /// <summary>What to send the program admins about an overdue item and how to claim the escalation.</summary>
    protected abstract Escalation Escalate(CertifyDbContext db, TDue item, DateTimeOffset now);

    private async Task EscalateAsync(CertifyDbContext db, TDue item, DateOnly today, CancellationToken ct)
    {
        if (item.DueOn >= today || item.EscalatedAt is not null)
        {
            return;
        }

        var admins = await Notifier.ProgramAdminsAsync(db, item.BodyId, ct);
        if (admins.Count == 0)
        {
            // Left unclaimed, so the escalation goes out once the body has a program admin.
            logger.LogWarning("{Item} {ItemId} is overdue but certifying body {BodyId} has no active program admin", typeof(TDue).Name, item.Id, item.BodyId);
            return;
        }

        var escalation = Escalate(db, item, clock.GetUtcNow());
        await notifier.NotifyOnceAsync(db, escalation.Claim, escalation.Kind, admins, escalation.Link, escalation.Data, escalation.Key, ct);
    }

    /// <summary>
    /// An escalation: <c>Claim</c> is the conditional update that marks the item escalated (0 rows means another run did
    /// it), sent with the notification kind, link, data and de-duplication key.
    /// </summary>
    protected sealed record Escalation(
        Func<CancellationToken, Task<int>> Claim, NotificationKind Kind, string Link, Dictionary<string, string> Data, string Key);
}
