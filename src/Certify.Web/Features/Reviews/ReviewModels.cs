using Certify.Domain.Assessments;
using Certify.Domain.Programs;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using Certify.Domain.Scoring;

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

    /// <summary>Four eyes: the approval is recorded and waits for a program admin's confirmation.</summary>
    public static readonly ReviewResult AwaitingConfirmation = new(ReviewOutcome.Done, ReasonCodes.AwaitingConfirmation);

    public static ReviewResult NotAllowed(string reason) => new(ReviewOutcome.NotAllowed, reason);
}

/// <summary>Reasons a review action gives besides the domain's approval codes; stable keys for the UI to translate.</summary>
public static class ReasonCodes
{
    public const string NotInReview = "not-in-review";
    public const string AwaitingConfirmation = "awaiting-confirmation";
    public const string ApprovalPending = "approval-pending";
    public const string NoApprovalPending = "no-approval-pending";
    public const string SameConfirmer = "same-confirmer";
    public const string DueDateRequired = "due-date-required";
    public const string CommentRequired = "comment-required";
    public const string ReasonRequired = "reason-required";
    public const string NoQuestions = "no-questions";
    public const string TextTooLong = "text-too-long";
    public const string NothingToMark = "nothing-to-mark";
    public const string FollowUpNotRejected = "follow-up-not-rejected";
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

/// <summary>Four eyes: an auditor's approval waiting for a program admin.</summary>
public sealed record PendingApproval(DateTimeOffset RequestedAt, string RequestedByUserId, string RequestedByName);

/// <summary>
/// The review screen: the company's answers and evidence beside the verdicts and the auditor's score. Seen by the
/// assigned auditor (<see cref="Actor"/> Auditor) or a program admin of the body (ProgramAdmin, who decides or
/// confirms but does not record verdicts).
/// </summary>
public sealed record ReviewView(
    int AssessmentId,
    long ReviewId,
    int SubmissionNumber,
    int CompanyId,
    string CompanyName,
    string CompanyRfc,
    int CertifyingBodyId,
    string ProgramCode,
    LocalizedText ProgramName,
    AssessmentState State,
    WorkflowActor Actor,
    string UserId,
    DateOnly DueOn,
    DateTimeOffset? SubmittedAt,
    QuestionnaireDefinition Definition,
    IReadOnlyDictionary<string, SavedAnswer> Answers,
    IReadOnlyList<EvidenceItem> Evidence,
    IReadOnlyList<FindingView> Findings,
    IReadOnlyList<UnlockedQuestionView> Unlocked,
    ScoreResult SelfScore,
    ScoreResult AuditorScore,
    LevelResult Level,
    ApprovalCheck Approval,
    bool RequireApprovalConfirmation,
    PendingApproval? PendingApproval,
    string? DecisionReason)
{
    /// <summary>The follow-up review this round answers; null for an ordinary submission.</summary>
    public FollowUpSummary? FollowUp { get; init; }

    /// <summary>Verdicts, change requests and decisions are open only while in review and no approval is pending.</summary>
    public bool AuditorCanAct => Actor == WorkflowActor.Auditor && State == AssessmentState.InReview && PendingApproval is null;

    /// <summary>A program admin other than the requester may confirm or send back a pending approval.</summary>
    public bool CanConfirm => Actor == WorkflowActor.ProgramAdmin && State == AssessmentState.InReview
        && PendingApproval is { } p && p.RequestedByUserId != UserId;

    public FindingView? FindingFor(string questionCode) => Findings.FirstOrDefault(f => f.QuestionCode == questionCode);
}

public sealed record OpenReviewResult(ReviewOutcome Outcome, ReviewView? View = null);

/// <summary>What the auditor enters for one question on the review screen.</summary>
public sealed record VerdictInput(string QuestionCode, FindingSeverity Severity, string? Comment, string? PrivateNote, DateOnly? DueOn);
