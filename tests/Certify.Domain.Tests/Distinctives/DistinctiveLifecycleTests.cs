using Certify.Domain.Distinctives;

namespace Certify.Domain.Tests.Distinctives;

public class DistinctiveLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = Now.AddDays(-10);

    public static TheoryData<string, LifecycleAction, bool> Table => new()
    {
        { "active", LifecycleAction.Suspend, true },
        { "active", LifecycleAction.Reinstate, false },
        { "active", LifecycleAction.Revoke, true },
        { "suspended", LifecycleAction.Suspend, false },
        { "suspended", LifecycleAction.Reinstate, true },
        { "suspended", LifecycleAction.Revoke, true },
        { "revoked", LifecycleAction.Suspend, false },
        { "revoked", LifecycleAction.Reinstate, false },
        { "revoked", LifecycleAction.Revoke, false },
        { "revoked while suspended", LifecycleAction.Reinstate, false },
        { "revocation dated later", LifecycleAction.Suspend, true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void CanApply_EveryStateAndAction_OnlyTheAllowedOnes(string state, LifecycleAction action, bool allowed)
    {
        var hold = Hold(state);

        Assert.Equal(allowed, DistinctiveLifecycle.CanApply(action, hold, Now));
        if (!allowed)
        {
            Assert.Throws<InvalidOperationException>(() => DistinctiveLifecycle.Apply(action, hold, Now));
        }
    }

    [Fact]
    public void Apply_Suspend_SetsTheInstant()
    {
        Assert.Equal(new DistinctiveHold(Now, null), DistinctiveLifecycle.Apply(LifecycleAction.Suspend, Hold("active"), Now));
    }

    [Fact]
    public void Apply_Reinstate_ClearsTheSuspension()
    {
        Assert.Equal(new DistinctiveHold(null, null), DistinctiveLifecycle.Apply(LifecycleAction.Reinstate, Hold("suspended"), Now));
    }

    [Fact]
    public void Apply_RevokeASuspendedOne_KeepsTheSuspensionAndRevokesNow()
    {
        var after = DistinctiveLifecycle.Apply(LifecycleAction.Revoke, Hold("suspended"), Now);

        Assert.Equal(new DistinctiveHold(Earlier, Now), after);
        Assert.Equal(DistinctiveStatus.Revoked, DistinctiveStatuses.Derive(after.RevokedAt, after.SuspendedAt is not null, Earlier, Now.AddYears(1), Now));
    }

    private static DistinctiveHold Hold(string state) => state switch
    {
        "active" => new(null, null),
        "suspended" => new(Earlier, null),
        "revoked" => new(null, Earlier),
        "revoked while suspended" => new(Earlier, Earlier),
        _ => new(null, Now.AddDays(1)),
    };
}
