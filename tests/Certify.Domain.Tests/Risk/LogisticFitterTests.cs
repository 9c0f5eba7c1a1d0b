using Certify.Domain.Risk;

namespace Certify.Domain.Tests.Risk;

public sealed class LogisticFitterTests
{
    /// <summary>Rows drawn from a known logistic model: −2 + 1.5·a + 0·b (b is noise), with SplitMix64 so the data are fixed.</summary>
    private static (List<IReadOnlyList<double>> Rows, List<bool> Outcomes) Synthetic(int n, ulong seed)
    {
        var random = new SplitMix64(seed);
        var rows = new List<IReadOnlyList<double>>();
        var outcomes = new List<bool>();
        for (var i = 0; i < n; i++)
        {
            var a = Math.Floor(random.NextUnit() * 4);
            var b = random.NextUnit();
            var p = 1 / (1 + Math.Exp(-(-2 + (1.5 * a))));
            rows.Add([a, b, 1.0]);
            outcomes.Add(random.NextUnit() < p);
        }

        return (rows, outcomes);
    }

    [Fact]
    public void Fit_KnownModel_RecoversTheWeights()
    {
        var (rows, outcomes) = Synthetic(5000, 7);

        var (intercept, weights) = LogisticFitter.Fit(rows, outcomes, penalty: 0.01);

        Assert.InRange(intercept, -2.3, -1.7);
        Assert.InRange(weights[0], 1.3, 1.7);
        Assert.InRange(weights[1], -0.3, 0.3);
        Assert.Equal(0, weights[2]);
    }

    [Fact]
    public void Fit_SameRows_SameModel()
    {
        var (rows, outcomes) = Synthetic(500, 11);

        var first = LogisticFitter.Fit(rows, outcomes);
        var second = LogisticFitter.Fit(rows, outcomes);

        Assert.Equal(first.Intercept, second.Intercept);
        Assert.Equal(first.Weights, second.Weights);
    }

    [Fact]
    public void Fit_PerfectSeparation_StaysFiniteThanksToThePenalty()
    {
        List<IReadOnlyList<double>> rows = [[0.0], [0.0], [1.0], [1.0]];

        var (intercept, weights) = LogisticFitter.Fit(rows, [false, false, true, true]);

        Assert.True(double.IsFinite(intercept));
        Assert.True(weights[0] > 0 && double.IsFinite(weights[0]));
    }

    [Fact]
    public void Fit_NoRows_Refused() =>
        Assert.Throws<ArgumentException>(() => LogisticFitter.Fit([], []));
}
