namespace Certify.Domain.Tenancy;

/// <summary>Rules for invitations to join a company.</summary>
public static class Invitations
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>The first instant at which the invitation is expired.</summary>
    public static DateTimeOffset ExpiresAt(DateTimeOffset createdAt) => createdAt + Lifetime;

    /// <summary>
    /// The state at <paramref name="now"/>: whichever of acceptance, revocation and expiry happened first,
    /// counting only those at or before <paramref name="now"/>; <see cref="InvitationState.Pending"/> if none has.
    /// </summary>
    /// <remarks>
    /// First-event-wins means an acceptance stamped at or after expiry reports <see cref="InvitationState.Expired"/>,
    /// and a revocation after acceptance leaves it <see cref="InvitationState.Accepted"/>. On equal instants the
    /// state that refuses acceptance wins: expired over revoked over accepted.
    /// </remarks>
    public static InvitationState StateAt(
        DateTimeOffset createdAt,
        DateTimeOffset? acceptedAt,
        DateTimeOffset? revokedAt,
        DateTimeOffset now)
    {
        var state = InvitationState.Pending;
        DateTimeOffset? stateSince = null;

        void Consider(InvitationState candidate, DateTimeOffset? at)
        {
            if (at <= now && (stateSince is null || at <= stateSince))
            {
                state = candidate;
                stateSince = at;
            }
        }

        Consider(InvitationState.Accepted, acceptedAt);
        Consider(InvitationState.Revoked, revokedAt);
        Consider(InvitationState.Expired, ExpiresAt(createdAt));
        return state;
    }
}
