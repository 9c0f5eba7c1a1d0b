namespace Certify.Domain.Tenancy;

/// <summary>Where an invitation stands; only <see cref="Pending"/> can still be accepted.</summary>
public enum InvitationState
{
    Pending,
    Accepted,
    Expired,
    Revoked,
}
