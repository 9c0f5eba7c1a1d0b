using System.Globalization;
using Certify.Data;
using Certify.Domain.Assessments;
using Certify.Domain.Reviews;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Notifications;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Reviews;

/// <summary>
/// Daily, over the corrective-action plans of approved (or issued) assessments: reminds the company's members of every
/// finding still Open (no action proposed) that is due within <see cref="ReminderDays"/> days or overdue, once per
/// Mexico City day (claimed on Finding.RemindedOn), and escalates each overdue one to the body's program admins once
/// (claimed on Finding.EscalatedAt). Each claim commits with its notifications, so a re-run tells nobody twice.
/// </summary>
public sealed class CorrectiveActionReminderJob(
    IDbContextFactory<CertifyDbContext> dbFactory,
    Notifier notifier,
    TimeProvider clock,
    ILogger<CorrectiveActionReminderJob> logger)
{
    public const int ReminderDays = 7;
    public const int BatchSize = 100;

    private static readonly AssessmentState[] PlanStates = [AssessmentState.Approved, AssessmentState.Issued];

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
            var batch = await db.Findings.AsNoTracking()
                .Where(f => f.Id > after && f.Status == FindingStatus.Open && f.DueOn != null && f.DueOn <= horizon
                    && f.Review!.SubmissionNumber == f.Review.Assessment!.SubmissionCount && PlanStates.Contains(f.Review.Assessment.State))
                .Where(f => f.RemindedOn == null || f.RemindedOn < today || (f.DueOn < today && f.EscalatedAt == null))
                .OrderBy(f => f.Id)
                .Take(BatchSize)
                .Select(f => new DueFinding(
                    f.Id, f.AssessmentId, f.Review!.Assessment!.CompanyId, f.QuestionCode, f.DueOn!.Value, f.RemindedOn, f.EscalatedAt,
                    f.Review.Assessment.Company!.TradeName ?? f.Review.Assessment.Company.LegalName,
                    f.Review.Assessment.Program!.CertifyingBodyId))
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var finding in batch)
            {
                await RemindAsync(db, finding, today, ct);
                await EscalateAsync(db, finding, today, ct);
            }

            after = batch[^1].Id;
        }
    }

    private async Task RemindAsync(CertifyDbContext db, DueFinding finding, DateOnly today, CancellationToken ct)
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

        await notifier.NotifyOnceAsync(
            db,
            c => db.Findings.Where(f => f.Id == finding.Id && f.Status == FindingStatus.Open && (f.RemindedOn == null || f.RemindedOn < today))
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.RemindedOn, today), c),
            NotificationKind.FindingDueSoon, members, AssessmentPaths.CorrectiveActions(finding.CompanyId, finding.AssessmentId), finding.Data(),
            $"finding-due:{finding.Id}:{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", ct);
    }

    private async Task EscalateAsync(CertifyDbContext db, DueFinding finding, DateOnly today, CancellationToken ct)
    {
        if (finding.DueOn >= today || finding.EscalatedAt is not null)
        {
            return;
        }

        var admins = await Notifier.ProgramAdminsAsync(db, finding.BodyId, ct);
        if (admins.Count == 0)
        {
            // Left unclaimed, so the escalation goes out once the body has a program admin.
            logger.LogWarning("Finding {FindingId} is overdue but certifying body {BodyId} has no active program admin", finding.Id, finding.BodyId);
            return;
        }

        var now = clock.GetUtcNow();
        await notifier.NotifyOnceAsync(
            db,
            c => db.Findings.Where(f => f.Id == finding.Id && f.Status == FindingStatus.Open && f.EscalatedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.EscalatedAt, now), c),
            NotificationKind.FindingOverdue, admins, $"/organismos/{finding.BodyId}/envios", finding.Data(),
            $"finding-overdue:{finding.Id}", ct);
    }

    private sealed record DueFinding(
        long Id, int AssessmentId, int CompanyId, string QuestionCode, DateOnly DueOn, DateOnly? RemindedOn, DateTimeOffset? EscalatedAt,
        string Company, int BodyId)
    {
        public Dictionary<string, string> Data() => new()
        {
            ["company"] = Company,
            ["question"] = QuestionCode,
            ["due"] = DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}
