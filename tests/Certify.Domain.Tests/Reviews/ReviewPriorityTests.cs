using Certify.Domain.Companies;
using Certify.Domain.Reviews;

namespace Certify.Domain.Tests.Reviews;

public class ReviewPriorityTests
{
    [Fact]
    public void Compute_Examples_DocumentedWeights()
    {
        Assert.Equal(5, ReviewPriority.Compute(0, CompanySize.Micro, 0));
        Assert.Equal(100 + 20 + 14, ReviewPriority.Compute(1, CompanySize.Medium, 7));
        Assert.Equal(300 + 30 + 60, ReviewPriority.Compute(3, CompanySize.Large, 45));
    }

    [Fact]
    public void Compute_WaitingPoints_CappedAt60()
    {
        Assert.Equal(10 + 58, ReviewPriority.Compute(0, CompanySize.Small, 29));
        Assert.Equal(10 + 60, ReviewPriority.Compute(0, CompanySize.Small, 30));
        Assert.Equal(10 + 60, ReviewPriority.Compute(0, CompanySize.Small, int.MaxValue));
    }

    [Fact]
    public void Compute_EachInputGrowing_NeverDecreases()
    {
        var sizes = Enum.GetValues<CompanySize>();
        for (var critical = 0; critical <= 4; critical++)
        {
            for (var s = 0; s < sizes.Length; s++)
            {
                for (var days = 0; days <= 40; days++)
                {
                    var priority = ReviewPriority.Compute(critical, sizes[s], days);
                    Assert.True(ReviewPriority.Compute(critical + 1, sizes[s], days) > priority);
                    Assert.True(ReviewPriority.Compute(critical, sizes[s], days + 1) >= priority);
                    if (s + 1 < sizes.Length)
                    {
                        Assert.True(ReviewPriority.Compute(critical, sizes[s + 1], days) > priority);
                    }
                }
            }
        }
    }

    [Fact]
    public void Compute_QueueExamples_SortedAsExpected()
    {
        var queue = new (string Name, int Priority)[]
        {
            ("large, waited 2 months", ReviewPriority.Compute(0, CompanySize.Large, 60)),
            ("micro, one critical, just in", ReviewPriority.Compute(1, CompanySize.Micro, 0)),
            ("small, 3 days", ReviewPriority.Compute(0, CompanySize.Small, 3)),
            ("medium, two critical", ReviewPriority.Compute(2, CompanySize.Medium, 1)),
            ("micro, 20 days", ReviewPriority.Compute(0, CompanySize.Micro, 20)),
        };

        var ordered = queue.OrderByDescending(i => i.Priority).Select(i => i.Name);

        Assert.Equal(
            ["medium, two critical", "micro, one critical, just in", "large, waited 2 months", "micro, 20 days", "small, 3 days"],
            ordered);
    }

    [Fact]
    public void Compute_OneCriticalItem_OutranksMaximumSizeAndWaiting()
    {
        Assert.True(ReviewPriority.Compute(1, CompanySize.Micro, 0) > ReviewPriority.Compute(0, CompanySize.Large, int.MaxValue));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    public void Compute_NegativeCount_Throws(int critical, int days)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReviewPriority.Compute(critical, CompanySize.Small, days));
    }
}
