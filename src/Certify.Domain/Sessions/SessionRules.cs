namespace Certify.Domain.Sessions;

/// <summary>
/// When a session is idle and when its last-seen time is worth writing. Last seen is written at most once per
/// <see cref="TouchInterval"/>, so the idle check is accurate to that interval and a busy user costs one write a
/// minute, not one per request.
/// </summary>
public static class SessionRules
{
    public static TimeSpan TouchInterval { get; } = TimeSpan.FromMinutes(1);

    /// <summary>True once more than <paramref name="idleTimeout"/> has passed since the session was last seen.</summary>
    public static bool IsIdle(DateTimeOffset lastSeenAt, DateTimeOffset now, TimeSpan idleTimeout) =>
        now - lastSeenAt > idleTimeout;

    /// <summary>True when the stored last-seen time is at least <see cref="TouchInterval"/> old.</summary>
    public static bool NeedsTouch(DateTimeOffset lastSeenAt, DateTimeOffset now) =>
        now - lastSeenAt >= TouchInterval;

    /// <summary>The idle timeout that applies: the shorter staff one for auditors and admins.</summary>
    public static TimeSpan IdleTimeoutFor(bool staff, TimeSpan staffTimeout, TimeSpan otherTimeout) =>
        staff ? staffTimeout : otherTimeout;
}
