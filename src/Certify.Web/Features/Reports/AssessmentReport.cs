using Certify.Domain.Questionnaires;

namespace Certify.Web.Features.Reports;

/// <summary>
/// Everything the company's assessment report prints, already in both languages where the text has two. Times are in
/// Mexico City. Findings are the company's view: there is no place for an auditor's private note.
/// </summary>
public sealed record AssessmentReport(
    int AssessmentId,
    string LegalName,
    string Rfc,
    string CompanyState,
    LocalizedText ProgramName,
    string ProgramCode,
    string QuestionnaireVersion,
    LocalizedText State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DecidedAt,
    decimal? SelfScore,
    decimal? AuditorScore,
    string? LevelCode,
    IReadOnlyList<ReportSectionScore> Scores,
    IReadOnlyList<ReportSection> Sections,
    IReadOnlyList<ReportFinding> Findings,
    DateTimeOffset GeneratedAt);

/// <summary>A section's self score and, once the company may see the auditor's verdicts, the auditor's score.</summary>
public sealed record ReportSectionScore(LocalizedText Title, decimal? Self, decimal? Auditor);

/// <summary>A questionnaire section with the questions that were visible for the company's answers.</summary>
public sealed record ReportSection(LocalizedText Title, IReadOnlyList<ReportQuestion> Questions);

/// <summary>One question, its answer in readable form (null when unanswered), the company's comment and its files.</summary>
public sealed record ReportQuestion(string Code, LocalizedText Text, LocalizedText? Answer, string? Comment, IReadOnlyList<ReportEvidence> Evidence);

/// <summary>An evidence file as listed in the report: its name, size in bytes and SHA-256 (hex).</summary>
public sealed record ReportEvidence(string FileName, long Size, string Sha256);

/// <summary>An auditor's finding as the company sees it: severity, the comment for the company, due date, status, action.</summary>
public sealed record ReportFinding(
    string QuestionCode,
    LocalizedText Severity,
    string Comment,
    DateOnly? DueOn,
    LocalizedText Status,
    string? CorrectiveAction);
