namespace Certify.Domain.Questionnaires;

/// <summary>Something still needed before the assessment can be submitted.</summary>
public sealed record MissingItem(string SectionCode, string QuestionCode, MissingKind Kind);
