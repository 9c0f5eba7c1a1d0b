namespace Certify.Domain.Risk;

/// <summary>
/// The body's day of an instant, as the database computes it: days since 0001-01-01 of the instant shifted by UTC−6,
/// the offset Mexico City has kept all year since October 2022. The database and <see cref="RiskHistory"/> both use
/// this arithmetic, so a due date is overdue on the same day in both.
/// </summary>
public static class RiskClock
{
    public const long MillisecondsPerDay = 86_400_000;

    /// <summary>Mexico City's offset from UTC, in milliseconds.</summary>
    public const long OffsetMilliseconds = -6 * 3_600_000;

    /// <summary>Days of look-back for worker concerns.</summary>
    public const int ConcernWindowDays = 90;

    public static long Day(DateTimeOffset instant) => ((instant.UtcTicks / TimeSpan.TicksPerMillisecond) + OffsetMilliseconds) / MillisecondsPerDay;
}
