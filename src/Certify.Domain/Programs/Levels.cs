using Certify.Domain.Scoring;

namespace Certify.Domain.Programs;

/// <summary>Maps a score to a program level. Thresholds are inclusive: 90.00 reaches a level that starts at 90.</summary>
public static class Levels
{
    public static LevelResult Determine(ProgramDefinition program, decimal overallScore, bool eligible)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (!eligible)
        {
            return new LevelResult(false, null, LevelReasonCodes.NotEligible);
        }

        foreach (var level in program.Levels)
        {
            if (overallScore >= level.MinScore)
            {
                return new LevelResult(true, level, LevelReasonCodes.Granted);
            }
        }

        return new LevelResult(false, null, LevelReasonCodes.BelowMinimumScore);
    }

    public static LevelResult Determine(ProgramDefinition program, ScoreResult score)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (!score.Eligible)
        {
            return new LevelResult(false, null, LevelReasonCodes.NotEligible);
        }

        return score.Overall is { } overall
            ? Determine(program, overall, eligible: true)
            : new LevelResult(false, null, LevelReasonCodes.NoScore);
    }
}
