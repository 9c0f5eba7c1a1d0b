using Certify.Domain.Programs;
using Certify.Domain.Questionnaires;
using Certify.Domain.Scoring;

namespace Certify.Domain.Tests.Programs;

public class LevelsTests
{
    private static readonly ProgramDefinition Program = new(
        "DRL-AUTO",
        "capb-demo",
        new LocalizedText("Distintivo", "Distinctive"),
        new QuestionnaireReference("DRL-AUTO", "2025.1"),
        [
            new LevelRule("C", 60m, 12, true),
            new LevelRule("A", 90m, 24, false),
            new LevelRule("B", 75m, 24, false),
        ],
        15,
        false);

    [Theory]
    [InlineData(59.99, null)]
    [InlineData(60.00, "C")]
    [InlineData(74.99, "C")]
    [InlineData(75.00, "B")]
    [InlineData(89.99, "B")]
    [InlineData(90.00, "A")]
    [InlineData(100.00, "A")]
    public void Determine_ScoreAtThresholdEdges_InclusiveLowerBound(decimal score, string? expected)
    {
        var result = Levels.Determine(Program, score, eligible: true);

        Assert.Equal(expected, result.Level?.Code);
        Assert.Equal(expected is not null, result.Granted);
        Assert.Equal(expected is null ? LevelReasonCodes.BelowMinimumScore : LevelReasonCodes.Granted, result.ReasonCode);
    }

    [Fact]
    public void Determine_LevelC_CarriesValidityAndActionPlan()
    {
        var level = Levels.Determine(Program, 60m, eligible: true).Level!;

        Assert.Equal(12, level.ValidityMonths);
        Assert.True(level.CorrectiveActionPlanRequired);
    }

    [Fact]
    public void Determine_NotEligible_NotGrantedEvenAt100()
    {
        var result = Levels.Determine(Program, 100m, eligible: false);

        Assert.Equal(new LevelResult(false, null, LevelReasonCodes.NotEligible), result);
    }

    [Fact]
    public void Determine_ScoreResultWithoutScore_NoScore()
    {
        var result = Levels.Determine(Program, new ScoreResult(null, [], []));

        Assert.Equal(new LevelResult(false, null, LevelReasonCodes.NoScore), result);
    }

    [Fact]
    public void Determine_ScoreResultWithCriticalFailure_NotEligible()
    {
        var result = Levels.Determine(Program, new ScoreResult(95m, [], ["SUB-01"]));

        Assert.Equal(LevelReasonCodes.NotEligible, result.ReasonCode);
    }

    [Fact]
    public void Constructor_LevelsInAnyOrder_OrdersByMinScoreDescending()
    {
        Assert.Equal(["A", "B", "C"], Program.Levels.Select(l => l.Code));
    }
}
