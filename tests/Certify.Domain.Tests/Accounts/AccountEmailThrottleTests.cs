using Certify.Domain.Accounts;

namespace Certify.Domain.Tests.Accounts;

public class AccountEmailThrottleTests
{
    private static readonly DateTimeOffset Now = new(2031, 5, 12, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Allows_NothingSentBefore_IsAllowed()
    {
        Assert.True(AccountEmailThrottle.Allows([], Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(59)]
    public void Allows_OneSentWithinTheMinute_IsRefused(int secondsAgo)
    {
        Assert.False(AccountEmailThrottle.Allows([Now.AddSeconds(-secondsAgo)], Now));
    }

    [Fact]
    public void Allows_OneSentAMinuteAgo_IsAllowed()
    {
        Assert.True(AccountEmailThrottle.Allows([Now.AddMinutes(-1)], Now));
    }

    [Fact]
    public void Allows_FiveSentThisHour_IsRefused_UntilTheOldestLeavesTheHour()
    {
        DateTimeOffset[] sends = [.. Enumerable.Range(1, 5).Select(i => Now.AddMinutes(-10 * i))];

        Assert.False(AccountEmailThrottle.Allows(sends, Now));
        Assert.True(AccountEmailThrottle.Allows(sends, Now.AddMinutes(10).AddSeconds(1)));
    }

    [Fact]
    public void Allows_FourSentThisHourAndNoneThisMinute_IsAllowed()
    {
        Assert.True(AccountEmailThrottle.Allows([.. Enumerable.Range(1, 4).Select(i => Now.AddMinutes(-10 * i))], Now));
    }
}
