using System.Globalization;
using Certify.Data;
using Certify.Domain.Concerns;
using Certify.Web.Features.Notifications;
using Certify.Web.Features.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Concerns;

/// <summary>
/// Daily, over open worker concerns: reminds the body's program admins and the assigned auditor, once per Mexico City
/// day, of a concern whose acknowledgement (7 days) or feedback (90 days) falls due within <see cref="ReminderDays"/>
/// days or has passed, and escalates each missed deadline once to the program admins. The notifications name the
/// concern's number and company, never its words.
/// </summary>
public sealed class ConcernDeadlineJob(
    IDbContextFactory<CertifyDbContext> dbFactory,
    Notifier notifier,
    TimeProvider clock,
    ILogger<ConcernDeadlineJob> logger)
    : DeadlineReminderJob<ConcernDeadlineJob.DueConcern>(dbFactory, notifier, clock, logger)
{
    public const int ReminderDays = 2;

    protected override int DaysBefore => ReminderDays;

    protected override IQueryable<DueConcern> Due(CertifyDbContext db, long after, DateOnly today, DateOnly horizon)
    {
        // Deadlines as receipt days: acknowledgement due by the horizon <=> received by horizon - 7, overdue <=> before today - 7.
        var ackDue = horizon.AddDays(-ConcernWorkflow.AcknowledgeDays);
        var ackOverdue = today.AddDays(-ConcernWorkflow.AcknowledgeDays);
        var feedbackDue = horizon.AddDays(-ConcernWorkflow.FeedbackDays);
        var feedbackOverdue = today.AddDays(-ConcernWorkflow.FeedbackDays);
        return db.Concerns.AsNoTracking()
            .Where(c => c.Id > after && c.State != ConcernState.Closed)
            .Where(c => (c.AcknowledgedOn == null && c.ReceivedOn <= ackDue
                    && (c.RemindedOn == null || c.RemindedOn < today || (c.ReceivedOn < ackOverdue && c.AcknowledgeEscalatedOn == null)))
                || (c.AcknowledgedOn != null && c.FeedbackOn == null && c.ReceivedOn <= feedbackDue
                    && (c.RemindedOn == null || c.RemindedOn < today || (c.ReceivedOn < feedbackOverdue && c.FeedbackEscalatedOn == null))))
            .OrderBy(c => c.Id)
            .Select(c => new DueConcern(
                c.Id, c.CertifyingBodyId, c.Company!.LegalName, c.AssignedAuditorId, c.AcknowledgedOn == null, c.ReceivedOn, c.RemindedOn,
                c.AcknowledgedOn == null ? c.AcknowledgeEscalatedOn : c.FeedbackEscalatedOn));
    }

    protected override async Task RemindAsync(CertifyDbContext db, DueConcern concern, DateOnly today, CancellationToken ct)
    {
        if (concern.RemindedOn >= today)
        {
            return;
        }

        var people = await Notifier.ProgramAdminsAsync(db, concern.BodyId, ct);
        if (concern.AssignedAuditorId is { } auditor && !people.Contains(auditor))
        {
            people.Add(auditor);
        }

        if (people.Count == 0)
        {
            return;
        }

        await Notifier.NotifyOnceAsync(
            db,
            c => db.Concerns.Where(x => x.Id == concern.Id && (x.RemindedOn == null || x.RemindedOn < today))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RemindedOn, today), c),
            NotificationKind.ConcernDueSoon, people, concern.Link, concern.Data(),
            $"concern-due:{concern.Id}:{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", ct);
    }

    protected override Escalation Escalate(CertifyDbContext db, DueConcern concern, DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(BodyCalendar.Local(now).DateTime);
        return new Escalation(
            c => concern.Acknowledge
                ? db.Concerns.Where(x => x.Id == concern.Id && x.AcknowledgedOn == null && x.AcknowledgeEscalatedOn == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.AcknowledgeEscalatedOn, day), c)
                : db.Concerns.Where(x => x.Id == concern.Id && x.FeedbackOn == null && x.FeedbackEscalatedOn == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.FeedbackEscalatedOn, day), c),
            NotificationKind.ConcernOverdue, concern.Link, concern.Data(),
            $"concern-overdue:{concern.Id}:{(concern.Acknowledge ? "acknowledge" : "feedback")}");
    }

    public sealed record DueConcern(
        long Id, int BodyId, string Company, string? AssignedAuditorId, bool Acknowledge, DateOnly ReceivedOn, DateOnly? RemindedOn,
        DateOnly? EscalatedOn) : IDueItem
    {
        public DateOnly DueOn => Acknowledge ? ConcernWorkflow.AcknowledgeBy(ReceivedOn) : ConcernWorkflow.FeedbackBy(ReceivedOn);

        public DateTimeOffset? EscalatedAt => EscalatedOn is { } day ? BodyCalendar.StartOf(day) : null;

        public string Link => $"/organismos/{BodyId}/inquietudes/{Id}";

        public Dictionary<string, string> Data() => new()
        {
            ["company"] = Company,
            ["number"] = ConcernService.Label(Id),
            ["deadline"] = Acknowledge ? "acknowledge" : "feedback",
            ["due"] = DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}
