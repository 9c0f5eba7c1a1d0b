using Certify.Domain.Tenancy;

namespace Certify.Domain.Tests.Tenancy;

public class MembershipsTests
{
    [Fact]
    public void CanRemoveOrDemote_LastOwner_IsFalse()
    {
        Assert.False(Memberships.CanRemoveOrDemote(CompanyRole.Owner, ownerCount: 1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void CanRemoveOrDemote_OwnerAmongSeveral_IsTrue(int ownerCount)
    {
        Assert.True(Memberships.CanRemoveOrDemote(CompanyRole.Owner, ownerCount));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void CanRemoveOrDemote_Member_IsTrue(int ownerCount)
    {
        Assert.True(Memberships.CanRemoveOrDemote(CompanyRole.Member, ownerCount));
    }

    [Theory]
    [InlineData(CompanyRole.Owner, 0)]
    [InlineData(CompanyRole.Owner, -1)]
    [InlineData(CompanyRole.Member, -1)]
    public void CanRemoveOrDemote_ImpossibleOwnerCount_Throws(CompanyRole targetRole, int ownerCount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Memberships.CanRemoveOrDemote(targetRole, ownerCount));
    }
}
