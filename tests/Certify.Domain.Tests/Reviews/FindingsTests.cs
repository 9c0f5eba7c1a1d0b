using Certify.Domain.Reviews;

namespace Certify.Domain.Tests.Reviews;

public class FindingsTests
{
    [Theory]
    [InlineData(FindingSeverity.Conformity, false)]
    [InlineData(FindingSeverity.Observation, false)]
    [InlineData(FindingSeverity.Minor, true)]
    [InlineData(FindingSeverity.Major, true)]
    [InlineData(FindingSeverity.Critical, true)]
    public void IsNonConformity_EachSeverity_OnlyMinorMajorCritical(FindingSeverity severity, bool expected)
    {
        Assert.Equal(expected, Findings.IsNonConformity(severity));
        Assert.Equal(expected, Findings.RequiresDueDate(severity));
    }
}
