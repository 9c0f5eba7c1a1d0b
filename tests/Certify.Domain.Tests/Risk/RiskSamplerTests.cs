using Certify.Domain.Risk;

namespace Certify.Domain.Tests.Risk;

public sealed class RiskSamplerTests
{
    [Fact]
    public void Draw_SameSeed_SameCompaniesInTheSameOrder()
    {
        int[] scores = [90, 10, 0, 55, 30, 70, 5, 0, 100, 45];

        Assert.Equal(RiskSampler.Draw(scores, 4, 20261204), RiskSampler.Draw(scores, 4, 20261204));
        Assert.NotEqual(RiskSampler.Draw(scores, 4, 1), RiskSampler.Draw(scores, 4, 2));
    }

    [Fact]
    public void Draw_RecordedSeed_ReplaysAKnownDraw()
    {
        // Fixed by SplitMix64's definition, not by .NET's Random: this must hold on any machine and any .NET version.
        Assert.Equal(0xE220A8397B1DCDAFUL, new SplitMix64(0).Next());
        Assert.Equal([0, 3, 4], RiskSampler.Draw([90, 10, 0, 55, 30], 3, 42));
    }

    [Fact]
    public void Draw_ScoreZero_ProbabilityNeverZero()
    {
        int[] scores = [0, 100, 100, 100];
        var drawnZero = 0;
        for (ulong seed = 1; seed <= 2000; seed++)
        {
            drawnZero += RiskSampler.Draw(scores, 1, seed).Contains(0) ? 1 : 0;
        }

        // Weight 5 of 305: about 1.6 % of single draws, never 0.
        Assert.InRange(drawnZero, 10, 70);
        Assert.Equal(RiskSampler.MinWeight, RiskSampler.Weight(0));
    }

    [Fact]
    public void Draw_HigherRisk_DrawnMoreOften()
    {
        int[] scores = [80, 20];
        var high = 0;
        for (ulong seed = 1; seed <= 2000; seed++)
        {
            high += RiskSampler.Draw(scores, 1, seed)[0] == 0 ? 1 : 0;
        }

        Assert.InRange(high, 1500, 1700);
    }

    [Fact]
    public void Draw_AllOrNone_NoDuplicates()
    {
        int[] scores = [3, 3, 3, 50];

        Assert.Equal([0, 1, 2, 3], RiskSampler.Draw(scores, 4, 9).Order());
        Assert.Empty(RiskSampler.Draw(scores, 0, 9));
    }
}
