using Certify.Domain.Risk;

namespace Certify.Domain.Tests.Risk;

/// <summary>
/// The back-test on a small seeded set with the analytics data set's documented signal: each company has a hidden
/// propensity; a review's chance of a major finding grows with it, and so do the company's past major findings and
/// its over-claiming — the model can only beat random order by reading those. With the outcomes shuffled there is
/// nothing to read, and it must not beat random order.
/// </summary>
public sealed class RiskBackTestTests
{
    private static List<RiskObservation> Seeded(ulong seed, int companies = 400, int reviewsEach = 4)
    {
        var random = new SplitMix64(seed);
        var start = new DateTimeOffset(2024, 1, 1, 16, 0, 0, TimeSpan.Zero);
        var rows = new List<RiskObservation>();
        for (var c = 0; c < companies; c++)
        {
            var propensity = random.NextUnit() * random.NextUnit();
            var pastMajor = 0;
            for (var r = 0; r < reviewsEach; r++)
            {
                var x = new double[RiskFeatures.Factors.Count];
                x[(int)RiskFactor.PastMajorFindings] = pastMajor;
                x[(int)RiskFactor.OverClaim] = Math.Max(0, (2 * propensity) + (random.NextUnit() - 0.5));
                x[(int)RiskFactor.Size] = Math.Floor(random.NextUnit() * 4);
                x[(int)RiskFactor.YearsSinceReview] = r == 0 ? 3 : random.NextUnit();
                var major = random.NextUnit() < 0.1 + (0.85 * propensity);
                pastMajor += major ? 1 : 0;
                rows.Add(new RiskObservation(start.AddDays((r * 180) + (random.NextUnit() * 170)), x, major));
            }
        }

        return rows;
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void BackTest_SignalInTheData_ModelBeatsRandomOnHeldOutReviews(ulong seed)
    {
        var result = RiskBackTest.Run(Seeded(seed));

        Assert.NotNull(result);
        Assert.True(result.ModelAuc > 0.62, $"AUC {result.ModelAuc}");
        Assert.True(result.ModelCapture > 0.25, $"capture {result.ModelCapture}");
        Assert.True(result.ModelAuc > result.QueueAuc);
        Assert.True(result.Held > 0 && result.Trained > result.Held);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void BackTest_ShuffledOutcomes_NoBetterThanRandom(ulong seed)
    {
        var rows = Seeded(seed);
        var shuffle = new SplitMix64(seed + 100);
        var outcomes = rows.Select(r => r.MajorFinding).OrderBy(_ => shuffle.Next()).ToList();

        var result = RiskBackTest.Run(rows.Select((r, i) => r with { MajorFinding = outcomes[i] }).ToList());

        Assert.NotNull(result);
        Assert.InRange(result.ModelAuc!.Value, 0.42, 0.58);
        Assert.InRange(result.ModelCapture, 0.12, 0.28);
    }

    [Fact]
    public void BackTest_OneSidedHistory_NoResult()
    {
        var rows = Seeded(4).Select(r => r with { MajorFinding = false }).ToList();

        Assert.Null(RiskBackTest.Run(rows));
        Assert.Null(RiskBackTest.Run([]));
    }

    [Fact]
    public void QueueBaseline_FormerPriority_CriticalItemsThenSize()
    {
        var x = new double[RiskFeatures.Factors.Count];
        x[(int)RiskFactor.CriticalFailures] = 2;
        x[(int)RiskFactor.Size] = 3;

        Assert.Equal(230, RiskBackTest.QueueBaseline(x));
    }
}
