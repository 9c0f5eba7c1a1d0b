namespace Certify.Domain.Reviews;

public static class Deadlines
{
    /// <summary>In calendar days: due on <paramref name="today"/> is due today, not overdue.</summary>
    public static DeadlineBadge Badge(DateOnly due, DateOnly today)
    {
        var days = due.DayNumber - today.DayNumber;
        return days switch
        {
            > 0 => new DeadlineBadge(DeadlineKind.DueIn, days),
            0 => new DeadlineBadge(DeadlineKind.DueToday, 0),
            _ => new DeadlineBadge(DeadlineKind.Overdue, -days),
        };
    }

    /// <summary>
    /// The last day of the review: the calendar day of submission plus the program's deadline in days. The day is
    /// read in the offset <paramref name="submittedAt"/> carries, so the caller passes it in the certifying body's
    /// time zone (a submission at 20:00 in Mexico City is already the next day in UTC).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reviewDeadlineDays"/> is not positive.</exception>
    public static DateOnly ReviewDue(DateTimeOffset submittedAt, int reviewDeadlineDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reviewDeadlineDays);
        return DateOnly.FromDateTime(submittedAt.DateTime).AddDays(reviewDeadlineDays);
    }
}
