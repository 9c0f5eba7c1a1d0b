namespace Certify.Domain.Scoring;

/// <summary>
/// Score of one section from 0 to 100, rounded to 2 decimals; null when no question of the section counts.
/// <see cref="Weight"/> is the section's weight in the overall score. <see cref="Questions"/> in document order.
/// </summary>
public sealed record SectionScore(string Code, decimal? Score, decimal Weight, IReadOnlyList<QuestionScore> Questions);
