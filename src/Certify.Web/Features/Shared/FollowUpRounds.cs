using Certify.Data;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Shared;

/// <summary>
/// What the company and the auditor are told of a follow-up review: which distinctive, when it was opened, the due
/// date and the body's request on each named question (never anything of the concern behind it).
/// </summary>
public sealed record FollowUpSummary(string DistinctiveNumber, DateOnly OpenedOn, DateOnly DueOn, IReadOnlyList<FollowUpAsk> Questions);

public sealed record FollowUpAsk(string QuestionCode, string Request);

/// <summary>
/// Follow-up reviews as the assessment and review screens read them. A round of an assessment is a follow-up when a
/// follow-up review was opened at or before it: every round after the first follow-up of an issued assessment is one.
/// </summary>
public static class FollowUpRounds
{
    /// <summary>The follow-up review a submission answers (the latest opened up to that round), or null for an ordinary round.</summary>
    public static Task<FollowUpSummary?> ForRoundAsync(CertifyDbContext db, int assessmentId, int submissionNumber, CancellationToken ct) =>
        db.FollowUpReviews.AsNoTracking()
            .Where(f => f.AssessmentId == assessmentId && f.SubmissionNumber <= submissionNumber)
            .OrderByDescending(f => f.SubmissionNumber)
            .Select(f => new FollowUpSummary(
                f.Concern!.Distinctive!.Number, f.OpenedOn, f.DueOn,
                f.Questions.OrderBy(q => q.QuestionCode).Select(q => new FollowUpAsk(q.QuestionCode, q.Request)).ToList()))
            .FirstOrDefaultAsync(ct);
}
