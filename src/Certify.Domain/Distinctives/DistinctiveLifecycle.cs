namespace Certify.Domain.Distinctives;

/// <summary>What a program admin does to a distinctive.</summary>
public enum LifecycleAction
{
    Suspend,
    Reinstate,
    Revoke,
}

/// <summary>The facts a program admin's action changes: when the distinctive was suspended (while it is) and revoked.</summary>
public sealed record DistinctiveHold(DateTimeOffset? SuspendedAt, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked(DateTimeOffset now) => RevokedAt is { } at && at <= now;
}

/// <summary>
/// Suspension, reinstatement and revocation: an active (or expired, or not yet valid) distinctive can be suspended; a
/// suspended one reinstated; any not yet revoked one revoked. Revocation is final. Anything else is refused.
/// </summary>
public static class DistinctiveLifecycle
{
    public static bool CanApply(LifecycleAction action, DistinctiveHold hold, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return !hold.IsRevoked(now) && action switch
        {
            LifecycleAction.Suspend => hold.SuspendedAt is null,
            LifecycleAction.Reinstate => hold.SuspendedAt is not null,
            _ => true,
        };
    }

    /// <summary>The facts after the action; throws <see cref="InvalidOperationException"/> when <see cref="CanApply"/> is false.</summary>
    public static DistinctiveHold Apply(LifecycleAction action, DistinctiveHold hold, DateTimeOffset now)
    {
        if (!CanApply(action, hold, now))
        {
            throw new InvalidOperationException($"Cannot {action} a distinctive that is {(hold.IsRevoked(now) ? "revoked" : hold.SuspendedAt is null ? "not suspended" : "suspended")}.");
        }

        return action switch
        {
            LifecycleAction.Suspend => hold with { SuspendedAt = now },
            LifecycleAction.Reinstate => hold with { SuspendedAt = null },
            _ => hold with { RevokedAt = now },
        };
    }
}
