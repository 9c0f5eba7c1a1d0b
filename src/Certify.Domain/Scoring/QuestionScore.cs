namespace Certify.Domain.Scoring;

/// <summary>
/// How one question counts. <see cref="Compliance"/> is null when the question does not count (hidden, unanswered,
/// not applicable or not scored); it is not rounded. <see cref="PointsLost"/> is what the answer costs in points of
/// the section score: weight × (1 − compliance) / applicable weight × 100, rounded to 2 decimals.
/// </summary>
public readonly record struct QuestionScore(string Code, decimal? Compliance, decimal Weight, decimal PointsLost);
