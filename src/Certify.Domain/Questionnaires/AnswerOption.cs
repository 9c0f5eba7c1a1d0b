namespace Certify.Domain.Questionnaires;

/// <summary>
/// One option of a choice question. <paramref name="Compliance"/> is 1, 0.5 or 0 (any value in [0, 1] is accepted);
/// null means "not applicable": the question leaves the denominator. Unscored questions may leave it unmapped,
/// which also reads as null.
/// </summary>
public sealed record AnswerOption(string Value, LocalizedText Label, decimal? Compliance);
