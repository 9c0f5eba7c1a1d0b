using System.Globalization;
using Certify.Domain.Assessments;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Audit;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Certify.RoutingBench;

/// <summary>
/// Submits every prepared assessment as AssessmentService.SubmitAsync does: the state change
/// and its audit row commit together, then SubmissionReceivedJob is enqueued into the app's Hangfire storage. The
/// app's Hangfire server does the rest (snapshot, routing, e-mails) once it runs.
/// </summary>
internal static class Submission
{
    public static async Task RunAsync(BenchDatabase bench)
    {
        var jobs = new BackgroundJobClient(bench.OpenJobs());

        List<int> ids;
        await using (var db = bench.Open())
        {
            ids = await db.Assessments.Where(a => a.State == AssessmentState.Draft && a.Company!.TradeName!.StartsWith(BenchDatabase.CompanyPrefix))
                .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        }

        foreach (var id in ids)
        {
            await using var db = bench.Open();
            var assessment = await db.Assessments.SingleAsync(a => a.Id == id);
            var from = assessment.State;
            assessment.Fire(AssessmentTrigger.Submit, WorkflowActor.CompanyMember);
            assessment.SubmittedAt = DateTimeOffset.UtcNow;
            assessment.SubmittedByUserId = assessment.CreatedByUserId;
            assessment.Version = Guid.NewGuid();
            db.AuditEvents.Add(AuditLog.Event(TimeProvider.System, new AuditActor(assessment.CreatedByUserId, "bench"), "assessment.submitted",
                "Assessment", id.ToString(CultureInfo.InvariantCulture),
                new { From = from, To = assessment.State, Submission = assessment.SubmissionCount }, companyId: assessment.CompanyId));
            await db.SaveChangesAsync();
            jobs.Enqueue<SubmissionReceivedJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        Console.WriteLine($"submitted {ids.Count} assessments");
    }
}
