namespace Certify.Domain.Reviews;

/// <summary>
/// What the review rules need to know about one finding. <see cref="DueDate"/> is null only for a verdict that is
/// not a non-conformity (see <see cref="Findings.RequiresDueDate"/>).
/// </summary>
public sealed record FindingSummary(string QuestionCode, FindingSeverity Severity, FindingStatus Status, DateOnly? DueDate);
