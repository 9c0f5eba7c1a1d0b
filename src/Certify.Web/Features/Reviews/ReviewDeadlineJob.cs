using System.Globalization;
using Certify.Data;
using Certify.Domain.Assessments;
using Certify.Web.Features.Notifications;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Reviews;

/// <summary>
/// Daily: reminds the auditor of every undecided review due within <see cref="ReminderDays"/> days or overdue (once per
/// Mexico City day, claimed on Review.RemindedOn), and escalates each overdue review, assigned or not, to the body's
/// program admins once (claimed on Review.EscalatedAt). Each claim commits with its notifications, so running the job
/// twice, or side by side, tells nobody twice.
/// </summary>
public sealed class ReviewDeadlineJob(
    IDbContextFactory<CertifyDbContext> dbFactory,
    Notifier notifier,
    TimeProvider clock,
    ILogger<ReviewDeadlineJob> logger)
{
    public const int ReminderDays = 2;
    public const int BatchSize = 100;

    /// <summary>The auditor's turn: the company has submitted and nobody has decided yet.</summary>
    private static readonly AssessmentState[] Pending = [AssessmentState.Submitted, AssessmentState.InReview];

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken ct)
    {
        var today = BodyCalendar.Today(clock);
        var horizon = today.AddDays(ReminderDays);
        long after = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var batch = await db.Reviews.AsNoTracking()
                .Where(r => r.Id > after && r.DecidedAt == null && r.DueOn <= horizon
                    && r.SubmissionNumber == r.Assessment!.SubmissionCount && Pending.Contains(r.Assessment.State))
                .Where(r => (r.AuditorUserId != null && r.ApprovalRequestedAt == null && (r.RemindedOn == null || r.RemindedOn < today))
                    || (r.DueOn < today && r.EscalatedAt == null))
                .OrderBy(r => r.Id)
                .Take(BatchSize)
                .Select(r => new DueReview(
                    r.Id, r.AuditorUserId, r.ApprovalRequestedAt != null, r.DueOn, r.RemindedOn, r.EscalatedAt,
                    r.Assessment!.Company!.TradeName ?? r.Assessment.Company.LegalName, r.Assessment.Program!.Code,
                    r.Assessment.Program.CertifyingBodyId))
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var review in batch)
            {
                await RemindAsync(db, review, today, ct);
                await EscalateAsync(db, review, today, ct);
            }

            after = batch[^1].Id;
        }
    }

    private async Task RemindAsync(CertifyDbContext db, DueReview review, DateOnly today, CancellationToken ct)
    {
        if (review.AuditorUserId is not { } auditor || review.AwaitingConfirmation || review.RemindedOn >= today)
        {
            return;
        }

        await notifier.NotifyOnceAsync(
            db,
            c => db.Reviews.Where(r => r.Id == review.Id && r.DecidedAt == null && (r.RemindedOn == null || r.RemindedOn < today))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.RemindedOn, today), c),
            NotificationKind.ReviewDueSoon, [auditor], $"/organismos/{review.BodyId}/revisiones", review.Data(),
            $"review-due:{review.Id}:{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", ct);
    }

    private async Task EscalateAsync(CertifyDbContext db, DueReview review, DateOnly today, CancellationToken ct)
    {
        if (review.DueOn >= today || review.EscalatedAt is not null)
        {
            return;
        }

        var admins = await Notifier.ProgramAdminsAsync(db, review.BodyId, ct);
        if (admins.Count == 0)
        {
            // Left unclaimed, so the escalation goes out once the body has a program admin.
            logger.LogWarning("Review {ReviewId} is overdue but certifying body {BodyId} has no active program admin", review.Id, review.BodyId);
            return;
        }

        var now = clock.GetUtcNow();
        await notifier.NotifyOnceAsync(
            db,
            c => db.Reviews.Where(r => r.Id == review.Id && r.DecidedAt == null && r.EscalatedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.EscalatedAt, now), c),
            NotificationKind.ReviewOverdue, admins, $"/organismos/{review.BodyId}/envios", review.Data(),
            $"review-overdue:{review.Id}", ct);
    }

    private sealed record DueReview(
        long Id, string? AuditorUserId, bool AwaitingConfirmation, DateOnly DueOn, DateOnly? RemindedOn, DateTimeOffset? EscalatedAt,
        string Company, string Program, int BodyId)
    {
        public Dictionary<string, string> Data() => new()
        {
            ["company"] = Company,
            ["program"] = Program,
            ["due"] = DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}
