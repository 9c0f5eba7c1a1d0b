using Certify.Domain.Tenancy;

namespace Certify.Domain.Tests.Tenancy;

public class InvitationsTests
{
    private static readonly DateTimeOffset Created = new(2025, 6, 1, 10, 0, 0, TimeSpan.FromHours(-6));
    private static readonly DateTimeOffset Expiry = Created.AddDays(7);

    [Fact]
    public void Lifetime_Always_IsSevenDays()
    {
        Assert.Equal(TimeSpan.FromDays(7), Invitations.Lifetime);
        Assert.Equal(Expiry, Invitations.ExpiresAt(Created));
    }

    [Fact]
    public void StateAt_AtCreation_IsPending()
    {
        Assert.Equal(InvitationState.Pending, Invitations.StateAt(Created, null, null, Created));
    }

    [Fact]
    public void StateAt_OneTickBeforeSevenDays_IsPending()
    {
        Assert.Equal(InvitationState.Pending, Invitations.StateAt(Created, null, null, Expiry.AddTicks(-1)));
    }

    [Fact]
    public void StateAt_ExactlySevenDays_IsExpired()
    {
        Assert.Equal(InvitationState.Expired, Invitations.StateAt(Created, null, null, Expiry));
    }

    [Fact]
    public void StateAt_LongAfterSevenDays_IsExpired()
    {
        Assert.Equal(InvitationState.Expired, Invitations.StateAt(Created, null, null, Expiry.AddDays(30)));
    }

    [Fact]
    public void StateAt_ExpiryComparedAcrossOffsets_UsesTheInstant()
    {
        var sameInstantInUtc = Expiry.ToUniversalTime();

        Assert.Equal(InvitationState.Expired, Invitations.StateAt(Created, null, null, sameInstantInUtc));
    }

    [Fact]
    public void StateAt_Accepted_IsAcceptedEvenAfterExpiry()
    {
        var accepted = Created.AddDays(2);

        Assert.Equal(InvitationState.Accepted, Invitations.StateAt(Created, accepted, null, accepted));
        Assert.Equal(InvitationState.Accepted, Invitations.StateAt(Created, accepted, null, Expiry.AddDays(1)));
    }

    [Fact]
    public void StateAt_Revoked_IsRevokedEvenAfterExpiry()
    {
        var revoked = Created.AddDays(1);

        Assert.Equal(InvitationState.Revoked, Invitations.StateAt(Created, null, revoked, revoked));
        Assert.Equal(InvitationState.Revoked, Invitations.StateAt(Created, null, revoked, Expiry.AddDays(1)));
    }

    [Fact]
    public void StateAt_EventsStampedAfterNow_AreNotYetInEffect()
    {
        var later = Created.AddDays(3);

        Assert.Equal(InvitationState.Pending, Invitations.StateAt(Created, later, null, later.AddTicks(-1)));
        Assert.Equal(InvitationState.Pending, Invitations.StateAt(Created, null, later, later.AddTicks(-1)));
    }

    [Fact]
    public void StateAt_RevokedAfterAccepted_StaysAccepted()
    {
        var accepted = Created.AddDays(1);
        var revoked = Created.AddDays(2);

        Assert.Equal(InvitationState.Accepted, Invitations.StateAt(Created, accepted, revoked, revoked));
    }

    [Fact]
    public void StateAt_AcceptedAfterRevoked_StaysRevoked()
    {
        var revoked = Created.AddDays(1);
        var accepted = Created.AddDays(2);

        Assert.Equal(InvitationState.Revoked, Invitations.StateAt(Created, accepted, revoked, accepted));
    }

    [Fact]
    public void StateAt_AcceptanceStampedAtExpiry_IsExpired()
    {
        Assert.Equal(InvitationState.Expired, Invitations.StateAt(Created, Expiry, null, Expiry));
    }

    [Fact]
    public void StateAt_AcceptedAndRevokedAtTheSameInstant_IsRevoked()
    {
        var at = Created.AddDays(1);

        Assert.Equal(InvitationState.Revoked, Invitations.StateAt(Created, at, at, at));
    }
}
