using System.Globalization;
using Certify.Data;
using Certify.Domain.Assessments;
using Certify.Web.Features.Notifications;
using Certify.Web.Features.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Concerns;

/// <summary>
/// Daily, over follow-up reviews the company has not answered yet (its assessment still waits for changes and has not
/// been resubmitted since): reminds the company's members once per Mexico City day from <see cref="ReminderDays"/> days
/// before the due date, and tells the body's program admins once when it has passed. The company's reminder names its
/// distinctive and the due date, never the concern.
/// </summary>
public sealed class FollowUpDeadlineJob(
    IDbContextFactory<CertifyDbContext> dbFactory,
    Notifier notifier,
    TimeProvider clock,
    ILogger<FollowUpDeadlineJob> logger)
    : DeadlineReminderJob<FollowUpDeadlineJob.DueFollowUp>(dbFactory, notifier, clock, logger)
{
    public const int ReminderDays = 3;

    protected override int DaysBefore => ReminderDays;

    protected override IQueryable<DueFollowUp> Due(CertifyDbContext db, long after, DateOnly today, DateOnly horizon) => db.FollowUpReviews.AsNoTracking()
        .Where(f => f.Id > after && f.DueOn <= horizon
            && f.Assessment!.State == AssessmentState.ChangesRequested && f.Assessment.SubmissionCount < f.SubmissionNumber)
        .Where(f => f.RemindedOn == null || f.RemindedOn < today || (f.DueOn < today && f.EscalatedAt == null))
        .OrderBy(f => f.Id)
        .Select(f => new DueFollowUp(
            f.Id, f.Concern!.CertifyingBodyId, f.ConcernId, f.AssessmentId, f.Assessment!.CompanyId, f.Assessment.Company!.TradeName ?? f.Assessment.Company.LegalName,
            f.Concern!.Distinctive!.Number, f.DueOn, f.RemindedOn, f.EscalatedAt));

    protected override async Task RemindAsync(CertifyDbContext db, DueFollowUp item, DateOnly today, CancellationToken ct)
    {
        if (item.RemindedOn >= today)
        {
            return;
        }

        var members = await Notifier.CompanyMembersAsync(db, item.CompanyId, ct);
        if (members.Count == 0)
        {
            return;
        }

        await Notifier.NotifyOnceAsync(
            db,
            c => db.FollowUpReviews.Where(f => f.Id == item.Id && (f.RemindedOn == null || f.RemindedOn < today))
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.RemindedOn, today), c),
            NotificationKind.FollowUpDueSoon, members, AssessmentPaths.Questionnaire(item.CompanyId, item.AssessmentId), item.Data(),
            $"follow-up-due:{item.Id}:{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", ct);
    }

    protected override Escalation Escalate(CertifyDbContext db, DueFollowUp item, DateTimeOffset now) => new(
        c => db.FollowUpReviews.Where(f => f.Id == item.Id && f.EscalatedAt == null).ExecuteUpdateAsync(s => s.SetProperty(f => f.EscalatedAt, now), c),
        NotificationKind.FollowUpOverdue, $"/organismos/{item.BodyId}/inquietudes/{item.ConcernId}", item.Data(), $"follow-up-overdue:{item.Id}");

    public sealed record DueFollowUp(
        long Id, int BodyId, long ConcernId, int AssessmentId, int CompanyId, string Company, string Number, DateOnly DueOn, DateOnly? RemindedOn,
        DateTimeOffset? EscalatedAt) : IDueItem
    {
        public Dictionary<string, string> Data() => new()
        {
            ["company"] = Company,
            ["number"] = Number,
            ["due"] = DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}
