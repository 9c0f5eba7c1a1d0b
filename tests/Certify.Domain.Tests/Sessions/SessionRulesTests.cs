using Certify.Domain.Sessions;

namespace Certify.Domain.Tests.Sessions;

public class SessionRulesTests
{
    private static readonly DateTimeOffset LastSeen = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    [Theory]
    [InlineData(0, false)]
    [InlineData(29, false)]
    [InlineData(30, false)]
    [InlineData(31, true)]
    [InlineData(600, true)]
    public void IsIdle_MinutesSinceLastSeen_OnlyPastTheTimeout(int minutes, bool expected)
    {
        Assert.Equal(expected, SessionRules.IsIdle(LastSeen, LastSeen.AddMinutes(minutes), Timeout));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(59, false)]
    [InlineData(60, true)]
    [InlineData(3600, true)]
    public void NeedsTouch_SecondsSinceLastSeen_AtMostOncePerMinute(int seconds, bool expected)
    {
        Assert.Equal(expected, SessionRules.NeedsTouch(LastSeen, LastSeen.AddSeconds(seconds)));
    }

    [Theory]
    [InlineData(true, 30)]
    [InlineData(false, 120)]
    public void IdleTimeoutFor_Staff_GetsTheShorterTimeout(bool staff, int expectedMinutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes),
            SessionRules.IdleTimeoutFor(staff, TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)));
    }
}
