namespace Certify.Domain.Distinctives;

/// <summary>
/// The warnings a company gets before its distinctive expires: 60, 30 and 7 days before
/// <see cref="ValidityPeriod.ExpiresOn"/> (the first day without validity), in the body's calendar.
/// </summary>
public static class ExpiryWarnings
{
    /// <summary>Days before expiry at which a warning is due, from the earliest.</summary>
    public static IReadOnlyList<int> Thresholds { get; } = [60, 30, 7];

    /// <summary>Whole days from <paramref name="today"/> to <paramref name="expiresOn"/>; 0 on the day it expires.</summary>
    public static int DaysLeft(DateOnly expiresOn, DateOnly today) => expiresOn.DayNumber - today.DayNumber;

    /// <summary>
    /// The threshold whose warning is due today, or null. A threshold is due from its day until the next one's
    /// (60 covers 60–31 days left, 30 covers 30–8, 7 covers 7–1), so a daily job that missed days still warns
    /// once, late rather than never; <paramref name="lastSentThreshold"/> (stored by the caller) stops repeats,
    /// and after a missed window only the most urgent warning is sent. Nothing is due once the distinctive has
    /// expired.
    /// </summary>
    public static int? Due(DateOnly expiresOn, DateOnly today, int? lastSentThreshold = null)
    {
        var daysLeft = DaysLeft(expiresOn, today);
        if (daysLeft < 1)
        {
            return null;
        }

        int? due = null;
        foreach (var threshold in Thresholds)
        {
            if (daysLeft <= threshold)
            {
                due = threshold;
            }
        }

        return due is { } d && (lastSentThreshold is null || d < lastSentThreshold) ? due : null;
    }
}
