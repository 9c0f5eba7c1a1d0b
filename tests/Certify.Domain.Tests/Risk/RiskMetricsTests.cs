using Certify.Domain.Risk;

namespace Certify.Domain.Tests.Risk;

public sealed class RiskMetricsTests
{
    [Fact]
    public void Auc_PerfectInverseAndTies()
    {
        bool[] outcomes = [false, false, true, true];

        Assert.Equal(1.0, RiskMetrics.Auc([1, 2, 3, 4], outcomes));
        Assert.Equal(0.0, RiskMetrics.Auc([4, 3, 2, 1], outcomes));
        Assert.Equal(0.5, RiskMetrics.Auc([1, 1, 1, 1], outcomes));
        Assert.Null(RiskMetrics.Auc([1, 2], [true, true]));
    }

    [Fact]
    public void CaptureTop_TopFifth_CountsPositivesFound()
    {
        var scores = Enumerable.Range(0, 10).Select(i => (double)i).ToList();
        var outcomes = Enumerable.Range(0, 10).Select(i => i is 9 or 5).ToList();

        // The top fifth is scores 9 and 8: one of the two positives.
        Assert.Equal(0.5, RiskMetrics.CaptureTop(scores, outcomes));
    }

    [Fact]
    public void CaptureTop_AllTied_ExpectedValueOfARandomOrder()
    {
        var outcomes = Enumerable.Range(0, 10).Select(i => i < 4).ToList();

        Assert.Equal(0.2, RiskMetrics.CaptureTop(Enumerable.Repeat(1.0, 10).ToList(), outcomes), 9);
    }
}
