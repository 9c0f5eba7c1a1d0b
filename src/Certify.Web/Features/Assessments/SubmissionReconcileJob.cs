using Certify.Data;
using Certify.Domain.Assessments;
using Certify.Web.Features.Reviews;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Assessments;

/// <summary>
/// Finds submissions whose follow-up never ran (the process died between the commit and the enqueue) and enqueues
/// it again, and submissions with a snapshot but no review whose routing never ran; both jobs are idempotent, so an
/// extra run is harmless.
/// </summary>
public sealed class SubmissionReconcileJob(IDbContextFactory<CertifyDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider clock)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cutoff = clock.GetUtcNow() - Grace;
        var stuck = await db.Assessments
            .Where(a => a.State == AssessmentState.Submitted && a.SubmittedAt < cutoff)
            .Where(a => !db.AssessmentSnapshots.Any(s => s.AssessmentId == a.Id && s.SubmissionNumber == a.SubmissionCount && s.NotifiedAt != null))
            .Select(a => a.Id)
            .ToListAsync(ct);
        foreach (var id in stuck)
        {
            jobs.Enqueue<SubmissionReceivedJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        // Without a snapshot routing cannot run yet; the submission job above routes it once the snapshot exists. A review
        // left unassigned (nobody eligible, or a crash before the assignment) is routed again, and finds new auditors.
        var unrouted = await db.Assessments
            .Where(a => a.State == AssessmentState.Submitted && a.SubmittedAt < cutoff)
            .Where(a => db.AssessmentSnapshots.Any(s => s.AssessmentId == a.Id && s.SubmissionNumber == a.SubmissionCount && s.NotifiedAt != null))
            .Where(a => !db.Reviews.Any(r => r.AssessmentId == a.Id && r.SubmissionNumber == a.SubmissionCount && r.AuditorUserId != null && r.EmailedAt != null))
            .Select(a => a.Id)
            .ToListAsync(ct);
        foreach (var id in unrouted)
        {
            jobs.Enqueue<RouteSubmissionJob>(job => job.RunAsync(id, CancellationToken.None));
        }
    }
}
