using System.Globalization;
using Certify.Data;
using Certify.Domain.Assessments;
using Certify.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Reviews;

/// <summary>
/// Daily: reminds the auditor of every undecided review due within <see cref="ReminderDays"/> days or overdue (once per
/// Mexico City day, claimed on Review.RemindedOn), and escalates each overdue review, assigned or not, to the body's
/// program admins once (claimed on Review.EscalatedAt).
/// </summary>
public sealed class ReviewDeadlineJob(
    IDbContextFactory<CertifyDbContext> dbFactory,
    Notifier notifier,
    TimeProvider clock,
    ILogger<ReviewDeadlineJob> logger)
    : DeadlineReminderJob<ReviewDeadlineJob.DueReview>(dbFactory, notifier, clock, logger)
{
    public const int ReminderDays = 2;

    /// <summary>The auditor's turn: the company has submitted and nobody has decided yet.</summary>
    private static readonly AssessmentState[] Pending = [AssessmentState.Submitted, AssessmentState.InReview];

    protected override int DaysBefore => ReminderDays;

    protected override IQueryable<DueReview> Due(CertifyDbContext db, long after, DateOnly today, DateOnly horizon) => db.Reviews.AsNoTracking()
        .Where(r => r.Id > after && r.DecidedAt == null && r.DueOn <= horizon
            && r.SubmissionNumber == r.Assessment!.SubmissionCount && Pending.Contains(r.Assessment.State))
        .Where(r => (r.AuditorUserId != null && r.ApprovalRequestedAt == null && (r.RemindedOn == null || r.RemindedOn < today))
            || (r.DueOn < today && r.EscalatedAt == null))
        .OrderBy(r => r.Id)
        .Select(r => new DueReview(
            r.Id, r.AuditorUserId, r.ApprovalRequestedAt != null, r.DueOn, r.RemindedOn, r.EscalatedAt,
            r.Assessment!.Company!.TradeName ?? r.Assessment.Company.LegalName, r.Assessment.Program!.Code,
            r.Assessment.Program.CertifyingBodyId));

    protected override async Task RemindAsync(CertifyDbContext db, DueReview review, DateOnly today, CancellationToken ct)
    {
        if (review.AuditorUserId is not { } auditor || review.AwaitingConfirmation || review.RemindedOn >= today)
        {
            return;
        }

        await Notifier.NotifyOnceAsync(
            db,
            c => db.Reviews.Where(r => r.Id == review.Id && r.DecidedAt == null && (r.RemindedOn == null || r.RemindedOn < today))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.RemindedOn, today), c),
            NotificationKind.ReviewDueSoon, [auditor], $"/organismos/{review.BodyId}/revisiones", review.Data(),
            $"review-due:{review.Id}:{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", ct);
    }

    protected override Escalation Escalate(CertifyDbContext db, DueReview review, DateTimeOffset now) => new(
        c => db.Reviews.Where(r => r.Id == review.Id && r.DecidedAt == null && r.EscalatedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.EscalatedAt, now), c),
        NotificationKind.ReviewOverdue, $"/organismos/{review.BodyId}/envios", review.Data(), $"review-overdue:{review.Id}");

    public sealed record DueReview(
        long Id, string? AuditorUserId, bool AwaitingConfirmation, DateOnly DueOn, DateOnly? RemindedOn, DateTimeOffset? EscalatedAt,
        string Company, string Program, int BodyId) : IDueItem
    {
        public Dictionary<string, string> Data() => new()
        {
            ["company"] = Company,
            ["program"] = Program,
            ["due"] = DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}
