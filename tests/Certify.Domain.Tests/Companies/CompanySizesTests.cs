using Certify.Domain.Companies;

namespace Certify.Domain.Tests.Companies;

public class CompanySizesTests
{
    [Theory]
    [InlineData(1, CompanySize.Micro)]
    [InlineData(10, CompanySize.Micro)]
    [InlineData(11, CompanySize.Small)]
    [InlineData(50, CompanySize.Small)]
    [InlineData(51, CompanySize.Medium)]
    [InlineData(250, CompanySize.Medium)]
    [InlineData(251, CompanySize.Large)]
    [InlineData(CompanySizes.MaxWorkers, CompanySize.Large)]
    public void FromWorkers_AtEachEdge_ReturnsSize(int workers, CompanySize size)
    {
        Assert.Equal(size, CompanySizes.FromWorkers(workers));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(CompanySizes.MaxWorkers + 1)]
    public void FromWorkers_OutsideRange_Throws(int workers)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CompanySizes.FromWorkers(workers));
    }
}
