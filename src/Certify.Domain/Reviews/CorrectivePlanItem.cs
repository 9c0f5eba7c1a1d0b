namespace Certify.Domain.Reviews;

/// <summary>One corrective action the company owes after approval: which question, how serious, by when.</summary>
public sealed record CorrectivePlanItem(string QuestionCode, FindingSeverity Severity, FindingStatus Status, DateOnly DueDate);
