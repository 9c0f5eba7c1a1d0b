using Certify.Domain.Distinctives;

namespace Certify.Domain.Tests.Distinctives;

public class DistinctiveStatusesTests
{
    private static readonly DateTimeOffset From = new(2026, 3, 10, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2028, 3, 10, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void Derive_AtValidFrom_Active()
    {
        Assert.Equal(DistinctiveStatus.Active, DistinctiveStatuses.Derive(null, false, From, Until, From));
    }

    [Fact]
    public void Derive_JustBeforeValidFrom_NotYetValid()
    {
        Assert.Equal(DistinctiveStatus.NotYetValid, DistinctiveStatuses.Derive(null, false, From, Until, From - Tick));
    }

    [Fact]
    public void Derive_JustBeforeValidUntil_Active()
    {
        Assert.Equal(DistinctiveStatus.Active, DistinctiveStatuses.Derive(null, false, From, Until, Until - Tick));
    }

    [Fact]
    public void Derive_AtValidUntil_Expired()
    {
        Assert.Equal(DistinctiveStatus.Expired, DistinctiveStatuses.Derive(null, false, From, Until, Until));
    }

    [Fact]
    public void Derive_SameInstantInAnotherOffset_SameAnswer()
    {
        var untilInMexicoCity = Until.ToOffset(TimeSpan.FromHours(-6));

        Assert.Equal(DistinctiveStatus.Expired, DistinctiveStatuses.Derive(null, false, From, Until, untilInMexicoCity));
    }

    [Fact]
    public void Derive_Suspended_SuspendedEvenAfterExpiry()
    {
        Assert.Equal(DistinctiveStatus.Suspended, DistinctiveStatuses.Derive(null, true, From, Until, From));
        Assert.Equal(DistinctiveStatus.Suspended, DistinctiveStatuses.Derive(null, true, From, Until, Until));
    }

    [Fact]
    public void Derive_RevokedAndSuspended_Revoked()
    {
        var revokedAt = From.AddDays(30);

        Assert.Equal(DistinctiveStatus.Revoked, DistinctiveStatuses.Derive(revokedAt, true, From, Until, revokedAt));
        Assert.Equal(DistinctiveStatus.Revoked, DistinctiveStatuses.Derive(revokedAt, false, From, Until, Until.AddYears(1)));
    }

    [Fact]
    public void Derive_JustBeforeRevocationTakesEffect_NotRevoked()
    {
        var revokedAt = From.AddDays(30);

        Assert.Equal(DistinctiveStatus.Active, DistinctiveStatuses.Derive(revokedAt, false, From, Until, revokedAt - Tick));
        Assert.Equal(DistinctiveStatus.Suspended, DistinctiveStatuses.Derive(revokedAt, true, From, Until, revokedAt - Tick));
    }

    [Fact]
    public void Derive_FromValidityPeriod_UsesItsInstants()
    {
        var validity = Validity.For(new DateOnly(2026, 3, 10), 24, TimeZoneInfo.FindSystemTimeZoneById("America/Mexico_City"));

        Assert.Equal(DistinctiveStatus.Active, DistinctiveStatuses.Derive(null, false, validity, validity.ValidUntil - Tick));
        Assert.Equal(DistinctiveStatus.Expired, DistinctiveStatuses.Derive(null, false, validity, validity.ValidUntil));
    }
}
