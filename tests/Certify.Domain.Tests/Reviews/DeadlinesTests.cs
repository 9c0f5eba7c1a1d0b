using Certify.Domain.Reviews;

namespace Certify.Domain.Tests.Reviews;

public class DeadlinesTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    [Fact]
    public void Badge_DueToday_DueTodayZero()
    {
        Assert.Equal(new DeadlineBadge(DeadlineKind.DueToday, 0), Deadlines.Badge(Today, Today));
    }

    [Fact]
    public void Badge_DueTomorrow_DueInOne()
    {
        Assert.Equal(new DeadlineBadge(DeadlineKind.DueIn, 1), Deadlines.Badge(Today.AddDays(1), Today));
    }

    [Fact]
    public void Badge_DueYesterday_OverdueOne()
    {
        Assert.Equal(new DeadlineBadge(DeadlineKind.Overdue, 1), Deadlines.Badge(Today.AddDays(-1), Today));
    }

    [Fact]
    public void Badge_AcrossMonthAndYear_CountsCalendarDays()
    {
        Assert.Equal(new DeadlineBadge(DeadlineKind.DueIn, 15), Deadlines.Badge(new DateOnly(2026, 1, 10), new DateOnly(2025, 12, 26)));
        Assert.Equal(new DeadlineBadge(DeadlineKind.Overdue, 40), Deadlines.Badge(new DateOnly(2025, 5, 21), Today));
    }

    [Fact]
    public void ReviewDue_SubmittedMidday_DayOfSubmissionPlusDeadline()
    {
        var submitted = new DateTimeOffset(2025, 6, 20, 12, 0, 0, TimeSpan.FromHours(-6));

        Assert.Equal(new DateOnly(2025, 7, 5), Deadlines.ReviewDue(submitted, 15));
    }

    [Fact]
    public void ReviewDue_LateEveningInMexicoCity_UsesLocalDayNotUtc()
    {
        var local = new DateTimeOffset(2025, 6, 30, 20, 0, 0, TimeSpan.FromHours(-6));

        Assert.Equal(new DateOnly(2025, 7, 1), Deadlines.ReviewDue(local, 1));
        Assert.Equal(new DateOnly(2025, 7, 2), Deadlines.ReviewDue(local.ToUniversalTime(), 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void ReviewDue_NonPositiveDeadline_Throws(int days)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Deadlines.ReviewDue(new DateTimeOffset(2025, 6, 30, 9, 0, 0, TimeSpan.Zero), days));
    }
}
