using Certify.Domain.Reviews;

namespace Certify.Domain.Tests.Reviews;

public class ApprovalGateTests
{
    [Theory]
    [InlineData(FindingStatus.Open)]
    [InlineData(FindingStatus.ActionProposed)]
    public void Check_CriticalNotClosed_RefusedWithReason(FindingStatus status)
    {
        var check = ApprovalGate.Check([(FindingSeverity.Minor, FindingStatus.Open), (FindingSeverity.Critical, status)]);

        Assert.False(check.Allowed);
        Assert.Equal(ApprovalReasonCodes.OpenCriticalFinding, check.ReasonCode);
        Assert.Equal("open-critical-finding", check.ReasonCode);
    }

    [Fact]
    public void Check_CriticalClosed_Allowed()
    {
        var check = ApprovalGate.Check([(FindingSeverity.Critical, FindingStatus.Closed), (FindingSeverity.Major, FindingStatus.Open)]);

        Assert.True(check.Allowed);
        Assert.Null(check.ReasonCode);
    }

    [Fact]
    public void Check_OpenMajorMinorAndObservation_Allowed()
    {
        var check = ApprovalGate.Check(
        [
            (FindingSeverity.Major, FindingStatus.Open),
            (FindingSeverity.Minor, FindingStatus.ActionProposed),
            (FindingSeverity.Observation, FindingStatus.Open),
            (FindingSeverity.Conformity, FindingStatus.Open),
        ]);

        Assert.True(check.Allowed);
    }

    [Fact]
    public void Check_NoFindings_Allowed()
    {
        Assert.True(ApprovalGate.Check([]).Allowed);
    }
}
