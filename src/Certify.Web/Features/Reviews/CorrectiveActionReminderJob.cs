using System.Globalization;
using Certify.Data;
using Certify.Domain.Assessments;
using Certify.Domain.Reviews;
using Certify.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Reviews;

/// <summary>
/// Daily, over the corrective-action plans of approved (or issued) assessments, also while a follow-up review has an
/// issued one open again: reminds the company's members of every standing finding (the latest verdict on its question,
/// as the company's pages show it) still Open (no action proposed) that is due within <see cref="ReminderDays"/> days or overdue, once per Mexico City
/// day (claimed on Finding.RemindedOn), and escalates each overdue one to the body's program admins once (claimed on
/// Finding.EscalatedAt).
/// </summary>
public sealed class CorrectiveActionReminderJob(
    IDbContextFactory<CertifyDbContext> dbFactory,
    Notifier notifier,
    TimeProvider clock,
    ILogger<CorrectiveActionReminderJob> logger)
    : DeadlineReminderJob<CorrectiveActionReminderJob.DueFinding>(dbFactory, notifier, clock, logger)
{
    public const int ReminderDays = 7;

    private static readonly AssessmentState[] PlanStates = [AssessmentState.Approved, AssessmentState.Issued];

    protected override int DaysBefore => ReminderDays;

    protected override IQueryable<DueFinding> Due(CertifyDbContext db, long after, DateOnly today, DateOnly horizon) => db.Findings.AsNoTracking()
        .Where(f => f.Id > after && f.Status == FindingStatus.Open && f.DueOn != null && f.DueOn <= horizon
            && !db.Findings.Any(g => g.AssessmentId == f.AssessmentId && g.QuestionCode == f.QuestionCode && g.ReviewId > f.ReviewId)
            && (PlanStates.Contains(f.Review!.Assessment!.State) || db.Distinctives.Any(d => d.AssessmentId == f.AssessmentId)))
        .Where(f => f.RemindedOn == null || f.RemindedOn < today || (f.DueOn < today && f.EscalatedAt == null))
        .OrderBy(f => f.Id)
        .Select(f => new DueFinding(
            f.Id, f.AssessmentId, f.Review!.Assessment!.CompanyId, f.QuestionCode, f.DueOn!.Value, f.RemindedOn, f.EscalatedAt,
            f.Review.Assessment.Company!.TradeName ?? f.Review.Assessment.Company.LegalName,
            f.Review.Assessment.Program!.CertifyingBodyId));

    protected override async Task RemindAsync(CertifyDbContext db, DueFinding finding, DateOnly today, CancellationToken ct)
    {
        if (finding.RemindedOn >= today)
        {
            return;
        }

        var members = await Notifier.CompanyMembersAsync(db, finding.CompanyId, ct);
        if (members.Count == 0)
        {
            return;
        }

        await Notifier.NotifyOnceAsync(
            db,
            c => db.Findings.Where(f => f.Id == finding.Id && f.Status == FindingStatus.Open && (f.RemindedOn == null || f.RemindedOn < today))
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.RemindedOn, today), c),
            NotificationKind.FindingDueSoon, members, AssessmentPaths.CorrectiveActions(finding.CompanyId, finding.AssessmentId), finding.Data(),
            $"finding-due:{finding.Id}:{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", ct);
    }

    protected override Escalation Escalate(CertifyDbContext db, DueFinding finding, DateTimeOffset now) => new(
        c => db.Findings.Where(f => f.Id == finding.Id && f.Status == FindingStatus.Open && f.EscalatedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.EscalatedAt, now), c),
        NotificationKind.FindingOverdue, $"/organismos/{finding.BodyId}/envios", finding.Data(), $"finding-overdue:{finding.Id}");

    public sealed record DueFinding(
        long Id, int AssessmentId, int CompanyId, string QuestionCode, DateOnly DueOn, DateOnly? RemindedOn, DateTimeOffset? EscalatedAt,
        string Company, int BodyId) : IDueItem
    {
        public Dictionary<string, string> Data() => new()
        {
            ["company"] = Company,
            ["question"] = QuestionCode,
            ["due"] = DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}
