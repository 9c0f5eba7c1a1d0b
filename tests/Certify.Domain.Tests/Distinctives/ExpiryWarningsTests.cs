using Certify.Domain.Distinctives;

namespace Certify.Domain.Tests.Distinctives;

public class ExpiryWarningsTests
{
    private static readonly DateOnly ExpiresOn = new(2028, 3, 10);

    [Theory]
    [InlineData(61, null)]
    [InlineData(60, 60)]
    [InlineData(31, 60)]
    [InlineData(30, 30)]
    [InlineData(8, 30)]
    [InlineData(7, 7)]
    [InlineData(1, 7)]
    [InlineData(0, null)]
    [InlineData(-5, null)]
    public void Due_NothingSentYet_TheWindowTodayIsIn(int daysLeft, int? expected)
    {
        Assert.Equal(expected, ExpiryWarnings.Due(ExpiresOn, ExpiresOn.AddDays(-daysLeft)));
    }

    [Theory]
    [InlineData(60, 60, null)]
    [InlineData(45, 60, null)]
    [InlineData(30, 60, 30)]
    [InlineData(29, 30, null)]
    [InlineData(7, 30, 7)]
    [InlineData(3, 60, 7)] // the 30-day window was missed: only the most urgent warning goes
    [InlineData(1, 7, null)]
    public void Due_AfterAWarning_OnlyAMoreUrgentOne(int daysLeft, int lastSent, int? expected)
    {
        Assert.Equal(expected, ExpiryWarnings.Due(ExpiresOn, ExpiresOn.AddDays(-daysLeft), lastSent));
    }

    [Fact]
    public void Due_DailyRunsOverTheLastHundredDays_WarnsExactlyAtSixtyThirtyAndSeven()
    {
        int? lastSent = null;
        var sentOn = new List<int>();
        for (var daysLeft = 100; daysLeft >= -3; daysLeft--)
        {
            if (ExpiryWarnings.Due(ExpiresOn, ExpiresOn.AddDays(-daysLeft), lastSent) is { } due)
            {
                sentOn.Add(daysLeft);
                lastSent = due;
            }
        }

        Assert.Equal([60, 30, 7], sentOn);
    }

    [Fact]
    public void DaysLeft_OnTheDayItExpires_Zero()
    {
        Assert.Equal(0, ExpiryWarnings.DaysLeft(ExpiresOn, ExpiresOn));
        Assert.Equal(7, ExpiryWarnings.DaysLeft(ExpiresOn, new DateOnly(2028, 3, 3)));
    }
}
