using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;

namespace Certify.Web.Features.Shared;

/// <summary>An answer as saved, with its version (for conflict detection) and who saved it last.</summary>
public sealed record SavedAnswer(string QuestionCode, AnswerValue? Value, string? Comment, long Version, DateTimeOffset UpdatedAt, string? UpdatedByName);

/// <summary>An evidence file as pages list it (no content, only what identifies it).</summary>
public sealed record EvidenceItem(long Id, string QuestionCode, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt)
{
    /// <summary>Carried over by a renewal and not yet confirmed by the company.</summary>
    public bool PendingConfirmation { get; init; }
}

/// <summary>
/// An auditor's finding as the company sees it: the comment meant for the company, never the auditor's private note
/// (this type has no place for it, so no company page can show it by mistake).
/// </summary>
public sealed record CompanyFinding(
    long Id,
    string QuestionCode,
    FindingSeverity Severity,
    string Comment,
    DateOnly? DueOn,
    FindingStatus Status,
    string? CorrectiveAction,
    DateTimeOffset? ActionProposedAt)
{
    public bool IsNonConformity => Certify.Domain.Reviews.Findings.IsNonConformity(Severity);
}
