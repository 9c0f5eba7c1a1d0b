using Certify.Domain.Assessments;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;

namespace Certify.Web.Features.Assessments;

/// <summary>One non-conformity to answer: the finding as the company sees it, the question it is about, and the files.</summary>
public sealed record CorrectiveActionItem(CompanyFinding Finding, LocalizedText QuestionText, IReadOnlyList<EvidenceItem> Files)
{
    /// <summary>The company may answer (again) until the auditor closes the finding.</summary>
    public bool CanPropose => Finding.Status == FindingStatus.Open;

    public bool CanUpload => Finding.Status != FindingStatus.Closed;
}

/// <summary>The "Acciones correctivas" page: the assessment's current non-conformities, in questionnaire order.</summary>
public sealed record CorrectiveActionsView(
    int AssessmentId,
    int CompanyId,
    string CompanyName,
    LocalizedText ProgramName,
    AssessmentState State,
    IReadOnlyList<CorrectiveActionItem> Items);
