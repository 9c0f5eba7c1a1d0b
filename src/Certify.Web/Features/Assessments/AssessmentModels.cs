using Certify.Domain.Assessments;
using Certify.Domain.Evidence;
using Certify.Domain.Questionnaires;
using Certify.Domain.Tenancy;

namespace Certify.Web.Features.Assessments;

public sealed record AssessmentView(
    int Id,
    int CompanyId,
    string CompanyName,
    int ProgramId,
    string ProgramCode,
    LocalizedText ProgramName,
    string CertifyingBodyName,
    AssessmentState State,
    CompanyRole Role,
    QuestionnaireDefinition Definition,
    IReadOnlyDictionary<string, SavedAnswer> Answers,
    IReadOnlyList<EvidenceItem> Evidence,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt)
{
    public bool Editable => AssessmentWorkflow.AnswersEditable(State);

    /// <summary>While changes are requested: the questions the auditor unlocked, with what the auditor asked for.</summary>
    public IReadOnlyList<ChangeRequest> ChangeRequests { get; init; } = [];

    /// <summary>The auditor's standing verdicts, once the company may see them (changes requested, approved, issued).</summary>
    public IReadOnlyList<CompanyFinding> Findings { get; init; } = [];

    /// <summary>Why the latest submission was rejected; set only while the assessment is rejected.</summary>
    public string? RejectionReason { get; init; }

    public bool HasNonConformities => Findings.Any(f => f.IsNonConformity);

    /// <summary>
    /// Mirrors the service's refusal: in a draft every question is editable, while changes are requested only the
    /// unlocked ones, otherwise none.
    /// </summary>
    public bool IsEditable(string questionCode) =>
        Editable && (State != AssessmentState.ChangesRequested || ChangeRequestFor(questionCode) is not null);

    public ChangeRequest? ChangeRequestFor(string questionCode) =>
        ChangeRequests.FirstOrDefault(c => string.Equals(c.QuestionCode, questionCode, StringComparison.Ordinal));

    public CompanyFinding? FindingFor(string questionCode) =>
        Findings.FirstOrDefault(f => string.Equals(f.QuestionCode, questionCode, StringComparison.Ordinal));

    /// <summary>When this assessment renews an issued one: that one's distinctive number (null if it had none).</summary>
    public RenewalOf? Renews { get; init; }

    /// <summary>While a follow-up review of the issued assessment is open: its distinctive, due date and the body's requests.</summary>
    public FollowUpSummary? FollowUp { get; init; }

    /// <summary>The answers and evidence counts in the shape the domain's scoring and completeness rules read.</summary>
    public AnswerSheet Sheet() => AnswerSheets.Of(
        Answers.Values.Where(a => a.Value is not null).ToDictionary(a => a.QuestionCode, a => a.Value!), Evidence);
}

public sealed record AssessmentListItem(int Id, string ProgramCode, LocalizedText ProgramName, AssessmentState State, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, int Answered, int Total)
{
    /// <summary>Why the latest submission was rejected; set only while the assessment is rejected.</summary>
    public string? RejectionReason { get; init; }

    /// <summary>Non-conformities the company has to answer with a corrective action (counted once visible to it).</summary>
    public int NonConformities { get; init; }
}

/// <summary>The issued assessment a renewal started from, and the number of the distinctive it earned.</summary>
public sealed record RenewalOf(int AssessmentId, string? DistinctiveNumber);

/// <summary>A question the auditor unlocked for changes, and the auditor's comment on it.</summary>
public sealed record ChangeRequest(string QuestionCode, string Comment);

public sealed record ProgramOption(int Id, string Code, LocalizedText Name, string CertifyingBodyName);

public enum SaveOutcome { Saved, Conflict, NotFound, Frozen, Invalid }

/// <summary>On Conflict, <see cref="Current"/> is what the other person saved; the caller shows it and lets the user choose.</summary>
public sealed record SaveAnswerResult(SaveOutcome Outcome, SavedAnswer? Current = null);

public enum UploadOutcome { Stored, Rejected, NotFound, Frozen }

public sealed record UploadResult(UploadOutcome Outcome, EvidenceRejection Rejection = EvidenceRejection.None, EvidenceItem? File = null);

public enum RenewOutcome { Started, AlreadyOpen, NotFound, NotRenewable }

/// <summary>The renewal draft, or the open assessment of the program that stands in its way.</summary>
public sealed record RenewResult(RenewOutcome Outcome, int? AssessmentId = null);

public enum SubmitOutcome { Submitted, Incomplete, NotFound, NotAllowed }

public sealed record SubmitResult(SubmitOutcome Outcome, IReadOnlyList<MissingItem> Missing);
