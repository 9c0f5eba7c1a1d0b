using Certify.Domain.Assessments;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using Certify.Domain.Scoring;
using Certify.Web.Features.Assessments;

namespace Certify.Web.Features.Reviews;

/// <summary>
/// How a review action ended. NotFound also covers "not yours": a user outside the certifying body, or an auditor
/// who is not the one assigned, learns nothing about the assessment.
/// </summary>
public enum ReviewOutcome { Done, NotFound, Invalid, NotAllowed, Blocked, Conflict }

/// <summary><see cref="Reason"/> explains Invalid, NotAllowed and Blocked (for Blocked, one of ApprovalReasonCodes).</summary>
public sealed record ReviewResult(ReviewOutcome Outcome, string? Reason = null)
{
    public static readonly ReviewResult Done = new(ReviewOutcome.Done);
    public static readonly ReviewResult NotFound = new(ReviewOutcome.NotFound);
    public static readonly ReviewResult Conflict = new(ReviewOutcome.Conflict);

    public static ReviewResult Invalid(string reason) => new(ReviewOutcome.Invalid, reason);

    public static ReviewResult NotAllowed(string reason) => new(ReviewOutcome.NotAllowed, reason);
}

/// <summary>A finding as the auditor sees it, private note included; never hand this to a company page.</summary>
public sealed record FindingView(
    long Id,
    string QuestionCode,
    FindingSeverity Severity,
    string Comment,
    string? PrivateNote,
    DateOnly? DueOn,
    FindingStatus Status,
    string? CorrectiveAction,
    DateTimeOffset UpdatedAt);

public sealed record UnlockedQuestionView(string QuestionCode, string Comment);

/// <summary>The auditor's review screen: the company's answers and evidence beside the verdicts and the auditor's score.</summary>
public sealed record ReviewView(
    int AssessmentId,
    long ReviewId,
    int SubmissionNumber,
    string CompanyName,
    string ProgramCode,
    AssessmentState State,
    QuestionnaireDefinition Definition,
    IReadOnlyDictionary<string, SavedAnswer> Answers,
    IReadOnlyList<EvidenceItem> Evidence,
    IReadOnlyList<FindingView> Findings,
    IReadOnlyList<UnlockedQuestionView> Unlocked,
    ScoreResult AuditorScore);

public sealed record OpenReviewResult(ReviewOutcome Outcome, ReviewView? View = null);
