using Certify.Domain.Assessments;
using Certify.Domain.Evidence;
using Certify.Domain.Questionnaires;
using Certify.Domain.Tenancy;

namespace Certify.Web.Features.Assessments;

public sealed record SavedAnswer(string QuestionCode, AnswerValue? Value, string? Comment, long Version, DateTimeOffset UpdatedAt, string? UpdatedByName);

public sealed record EvidenceItem(long Id, string QuestionCode, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);

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

    /// <summary>The answers and evidence counts in the shape the domain's scoring and completeness rules read.</summary>
    public AnswerSheet Sheet() => new(
        Answers.Values.Where(a => a.Value is not null).ToDictionary(a => a.QuestionCode, a => a.Value!),
        Evidence.GroupBy(e => e.QuestionCode).ToDictionary(g => g.Key, g => g.Count()));
}

public sealed record AssessmentListItem(int Id, string ProgramCode, LocalizedText ProgramName, AssessmentState State, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, int Answered, int Total);

public sealed record ProgramOption(int Id, string Code, LocalizedText Name, string CertifyingBodyName);

public enum SaveOutcome { Saved, Conflict, NotFound, Frozen, Invalid }

/// <summary>On Conflict, <see cref="Current"/> is what the other person saved; the caller shows it and lets the user choose.</summary>
public sealed record SaveAnswerResult(SaveOutcome Outcome, SavedAnswer? Current = null);

public enum UploadOutcome { Stored, Rejected, NotFound, Frozen }

public sealed record UploadResult(UploadOutcome Outcome, EvidenceRejection Rejection = EvidenceRejection.None, EvidenceItem? File = null);

public enum SubmitOutcome { Submitted, Incomplete, NotFound, NotAllowed }

public sealed record SubmitResult(SubmitOutcome Outcome, IReadOnlyList<MissingItem> Missing);
