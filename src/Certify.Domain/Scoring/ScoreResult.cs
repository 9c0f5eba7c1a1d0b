namespace Certify.Domain.Scoring;

/// <summary>
/// Result of <see cref="Scorer"/>. <see cref="Overall"/> is the weighted mean of the section scores that exist,
/// rounded to 2 decimals (null when no section has a score). <see cref="CriticalFailures"/> lists the critical
/// questions answered non-compliant; any one makes the result not eligible whatever the score.
/// </summary>
public sealed record ScoreResult(decimal? Overall, IReadOnlyList<SectionScore> Sections, IReadOnlyList<string> CriticalFailures)
{
    public bool Eligible => CriticalFailures.Count == 0;
}
