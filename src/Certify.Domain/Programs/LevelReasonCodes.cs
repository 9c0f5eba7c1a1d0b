namespace Certify.Domain.Programs;

public static class LevelReasonCodes
{
    /// <summary>The score reaches a level and there is no critical non-compliance.</summary>
    public const string Granted = "Granted";

    /// <summary>A critical question was answered non-compliant (or a critical finding is open).</summary>
    public const string NotEligible = "NotEligible";

    /// <summary>The score is below the lowest level.</summary>
    public const string BelowMinimumScore = "BelowMinimumScore";

    /// <summary>Nothing applicable was answered, so there is no score.</summary>
    public const string NoScore = "NoScore";
}
