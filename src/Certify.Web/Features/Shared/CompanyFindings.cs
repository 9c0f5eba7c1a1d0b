using Certify.Data;
using Certify.Domain.Assessments;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Shared;

/// <summary>
/// Findings as the company's pages read them. The queries project straight into <see cref="CompanyFinding"/>, so the
/// auditor's private note is never even read from the database on the company's side.
/// </summary>
internal static class CompanyFindings
{
    /// <summary>
    /// The company sees findings once the auditor handed the submission back or decided it, the same states in which
    /// the review service lets it propose corrective actions; never while the auditor is still judging.
    /// </summary>
    public static bool VisibleIn(AssessmentState state) =>
        state is AssessmentState.ChangesRequested or AssessmentState.Approved or AssessmentState.Issued;

    /// <summary>
    /// The standing finding per question of each assessment: the one of the latest review that judged the question
    /// (the highest review id), as the auditor's side counts it.
    /// </summary>
    public static async Task<ILookup<int, CompanyFinding>> CurrentAsync(CertifyDbContext db, IReadOnlyCollection<int> assessmentIds, CancellationToken ct)
    {
        var rows = await db.Findings.AsNoTracking().Where(f => assessmentIds.Contains(f.AssessmentId))
            .Select(f => new
            {
                f.AssessmentId,
                f.ReviewId,
                Finding = new CompanyFinding(f.Id, f.QuestionCode, f.Severity, f.Comment, f.DueOn, f.Status, f.CorrectiveAction, f.ActionProposedAt),
            })
            .ToListAsync(ct);
        return rows.GroupBy(r => (r.AssessmentId, r.Finding.QuestionCode))
            .Select(g => g.MaxBy(r => r.ReviewId)!)
            .OrderBy(r => r.Finding.QuestionCode, StringComparer.Ordinal)
            .ToLookup(r => r.AssessmentId, r => r.Finding);
    }

    /// <summary>Why the latest submission of each rejected assessment was rejected.</summary>
    public static async Task<Dictionary<int, string?>> RejectionReasonsAsync(CertifyDbContext db, IReadOnlyCollection<int> rejectedIds, CancellationToken ct)
    {
        var rows = await db.Reviews.AsNoTracking().Where(r => rejectedIds.Contains(r.AssessmentId))
            .Select(r => new { r.AssessmentId, r.SubmissionNumber, r.DecisionReason })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.AssessmentId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.SubmissionNumber)!.DecisionReason);
    }
}
