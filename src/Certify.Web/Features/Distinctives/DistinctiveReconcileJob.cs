using Certify.Data;
using Certify.Domain.Assessments;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Distinctives;

/// <summary>
/// Finds approvals whose issuance never ran or never finished (the process died between the approval and the
/// enqueue, or the job gave up) and enqueues <see cref="IssueDistinctiveJob"/> again: approved assessments with a
/// level and no distinctive, and distinctives still without their PDF. The job is idempotent, so an extra run is
/// harmless; the grace period keeps this from racing the job enqueued on approval.
/// </summary>
public sealed class DistinctiveReconcileJob(IDbContextFactory<CertifyDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider clock)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cutoff = clock.GetUtcNow() - Grace;
        var unissued = await db.Assessments
            .Where(a => a.State == AssessmentState.Approved)
            .Where(a => db.Reviews.Any(r => r.AssessmentId == a.Id && r.SubmissionNumber == a.SubmissionCount && r.LevelCode != null && r.DecidedAt < cutoff))
            .Where(a => !db.Distinctives.Any(d => d.AssessmentId == a.Id))
            .Select(a => a.Id)
            .ToListAsync(ct);
        var withoutPdf = await db.Distinctives
            .Where(d => d.PdfStorageKey == null && d.IssuedAt < cutoff)
            .Select(d => d.AssessmentId)
            .ToListAsync(ct);
        foreach (var id in unissued.Concat(withoutPdf).Distinct())
        {
            jobs.Enqueue<IssueDistinctiveJob>(job => job.RunAsync(id, CancellationToken.None));
        }
    }
}
