using Certify.Domain.Risk;

namespace Certify.Domain.Tests.Risk;

public sealed class RiskModelTests
{
    [Fact]
    public void Expert_EveryFactorHasADocumentedWeight()
    {
        var model = RiskModel.Expert(0);

        Assert.Equal(RiskFeatures.Factors.Count, model.Weights.Count);
        Assert.All(RiskFeatures.Factors, f => Assert.True(RiskModel.ExpertWeights.ContainsKey(f), $"{f} has no expert weight"));
        Assert.Equal(RiskModelKind.Expert, model.Kind);
    }

    [Fact]
    public void Expert_NothingKnown_LowBand()
    {
        var x = new double[RiskFeatures.Factors.Count];

        var score = RiskModel.Expert(0).Score(x);

        Assert.Equal(12, score);
        Assert.Equal(RiskBand.Low, RiskModel.Band(score));
    }

    [Fact]
    public void Expert_OpenMajorFindingsAndCriticalFailures_HighBandAndExplainedInOrder()
    {
        var x = new double[RiskFeatures.Factors.Count];
        x[(int)RiskFactor.OpenMajorFindings] = 2;
        x[(int)RiskFactor.CriticalFailures] = 3;
        x[(int)RiskFactor.WorkerConcerns] = 1;
        var model = RiskModel.Expert(0);

        var score = model.Score(x);
        var reasons = model.Raising(x);

        Assert.Equal(RiskBand.High, RiskModel.Band(score));
        Assert.Equal([RiskFactor.CriticalFailures, RiskFactor.OpenMajorFindings, RiskFactor.WorkerConcerns], reasons.Select(r => r.Factor));
        Assert.Equal(1.8, reasons[0].LogOdds, 9);
        Assert.Equal(model.Intercept + reasons.Sum(r => r.LogOdds), model.LogOdds(x), 9);
    }

    [Theory]
    [InlineData(0, RiskBand.Low)]
    [InlineData(24, RiskBand.Low)]
    [InlineData(25, RiskBand.Medium)]
    [InlineData(49, RiskBand.Medium)]
    [InlineData(50, RiskBand.High)]
    [InlineData(100, RiskBand.High)]
    public void Band_Edges(int score, RiskBand band) => Assert.Equal(band, RiskModel.Band(score));

    [Fact]
    public void Named_RoundTrip_KeepsWeightsAndIgnoresUnknownNames()
    {
        var model = RiskModel.Expert(3);
        var named = new Dictionary<string, double>(model.NamedWeights()) { ["NotAFactor"] = 9 };

        var read = RiskModel.FromNamed(3, RiskModelKind.Expert, model.Intercept, named);

        Assert.Equal(model.Weights, read.Weights);
    }
}
