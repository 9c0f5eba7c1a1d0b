using System.Globalization;
using System.Text.Json.Nodes;
using Certify.Domain.Questionnaires;
using Certify.Domain.Scoring;
using static Certify.Domain.Tests.Questionnaires.TestQuestionnaires;

namespace Certify.Domain.Tests.Scoring;

public class ScorerTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    /// <summary>Section A: A-01 critical w3, A-02 major w2 (yes/partial/no), A-03 minor w1. Section B: B-01 minor w1.</summary>
    private readonly QuestionnaireDefinition _basic = Build(
        Section("A", 1, YesNoNa("A-01", 3, "critical"), YesPartialNo("A-02", 2), YesNoNa("A-03", 1)),
        Section("B", 1, YesNoNa("B-01", 1)));

    [Fact]
    public void Score_AllCompliant_Is100AndEligible()
    {
        var result = Scorer.Score(_basic, Sheet(Answer("A-01", "yes"), Answer("A-02", "yes"), Answer("A-03", "yes"), Answer("B-01", "yes")), Today);

        Assert.Equal(100m, result.Overall);
        Assert.Equal([100m, 100m], result.Sections.Select(s => s.Score));
        Assert.True(result.Eligible);
        Assert.Empty(result.CriticalFailures);
        Assert.All(result.Sections.SelectMany(s => s.Questions), q => Assert.Equal(0m, q.PointsLost));
    }

    [Theory]
    [InlineData("yes", "na", "yes", 100)]
    [InlineData("yes", "na", "no", 75)]
    [InlineData("na", "na", "no", 0)]
    [InlineData("yes", "partial", "yes", 83.33)]
    [InlineData("yes", "partial", "na", 80)]
    [InlineData("yes", "no", "yes", 66.67)]
    [InlineData("na", "partial", "na", 50)]
    public void Score_SectionTable_NotApplicableLeavesDenominatorPartialCountsHalf(string a01, string a02, string a03, decimal expected)
    {
        var result = Scorer.Score(_basic, Sheet(Answer("A-01", a01), Answer("A-02", a02), Answer("A-03", a03)), Today);

        Assert.Equal(expected, result.Sections[0].Score);
    }

    [Fact]
    public void Score_EverythingNotApplicable_SectionAndOverallNull()
    {
        var result = Scorer.Score(_basic, Sheet(Answer("A-01", "na"), Answer("A-02", "maybe")), Today);

        Assert.Null(result.Sections[0].Score);
        Assert.Null(result.Sections[1].Score);
        Assert.Null(result.Overall);
        Assert.All(result.Sections[0].Questions, q => Assert.Null(q.Compliance));
    }

    [Fact]
    public void Score_UnansweredSection_LeftOutOfOverall()
    {
        var result = Scorer.Score(_basic, Sheet(Answer("A-01", "yes"), Answer("A-02", "no"), Answer("A-03", "yes")), Today);

        Assert.Equal(66.67m, result.Sections[0].Score);
        Assert.Null(result.Sections[1].Score);
        Assert.Equal(66.67m, result.Overall);
    }

    [Fact]
    public void Score_CriticalNonCompliantAt95_NotEligible()
    {
        var definition = Build(
            Section("A", 1, YesNoNa("A-01", 1, "critical"), YesNoNa("A-02", 9, "major")),
            Section("B", 1, YesNoNa("B-01", 1)));

        var result = Scorer.Score(definition, Sheet(Answer("A-01", "no"), Answer("A-02", "yes"), Answer("B-01", "yes")), Today);

        Assert.Equal(95m, result.Overall);
        Assert.False(result.Eligible);
        Assert.Equal(["A-01"], result.CriticalFailures);
    }

    [Fact]
    public void Score_CriticalPartlyCompliant_StillEligible()
    {
        var definition = Build(Section("A", 1, YesPartialNo("A-01", 3, "critical")));

        var result = Scorer.Score(definition, Sheet(Answer("A-01", "partial")), Today);

        Assert.True(result.Eligible);
        Assert.Equal(50m, result.Overall);
    }

    [Fact]
    public void Score_HiddenQuestion_NotCountedEvenIfAnswered()
    {
        var definition = Build(Section("A", 1,
            Choice("A-01", "singleChoice", 1, "minor", ("yes", 1), ("no", 1)),
            YesNoNa("A-02", 3, "critical").ShownIf("A-01", "yes")));

        var result = Scorer.Score(definition, Sheet(Answer("A-01", "no"), Answer("A-02", "no")), Today);

        Assert.Equal(100m, result.Overall);
        Assert.True(result.Eligible);
        Assert.Null(result.Sections[0].Questions[1].Compliance);
    }

    [Fact]
    public void Score_SectionWeights_WeightedMeanOfSections()
    {
        var definition = Build(Section("A", 2, YesNoNa("A-01", 1), YesNoNa("A-02", 1)), Section("B", 1, YesNoNa("B-01", 1)));

        var result = Scorer.Score(definition, Sheet(Answer("A-01", "yes"), Answer("A-02", "no"), Answer("B-01", "yes")), Today);

        Assert.Equal(66.67m, result.Overall);
    }

    [Fact]
    public void Score_Rounding_OnlyOnFinalFigures()
    {
        // A is 66.666…; rounding it first would give (66.67 + 100) / 2 = 83.335 → 83.34.
        var definition = Build(Section("A", 1, YesNoNa("A-01", 1), YesNoNa("A-02", 1), YesNoNa("A-03", 1)), Section("B", 1, YesNoNa("B-01", 1)));

        var result = Scorer.Score(definition, Sheet(Answer("A-01", "yes"), Answer("A-02", "yes"), Answer("A-03", "no"), Answer("B-01", "yes")), Today);

        Assert.Equal(66.67m, result.Sections[0].Score);
        Assert.Equal(83.33m, result.Overall);
    }

    [Fact]
    public void Score_PointsLost_AddUpToWhatTheSectionMisses()
    {
        var result = Scorer.Score(_basic, Sheet(Answer("A-01", "yes"), Answer("A-02", "partial"), Answer("A-03", "no")), Today);
        var questions = result.Sections[0].Questions;

        Assert.Equal(66.67m, result.Sections[0].Score);
        Assert.Equal([0m, 16.67m, 16.67m], questions.Select(q => q.PointsLost));
        Assert.Equal(new QuestionScore("A-02", 0.5m, 2m, 16.67m), questions[1]);
    }

    [Fact]
    public void Score_MultipleChoice_MeanOfApplicableSelections()
    {
        var definition = Build(Section("A", 1, Choice("A-01", "multipleChoice", 1, "major", ("a", 1), ("b", 0.5m), ("c", 0), ("d", "na"))));

        Assert.Equal(50m, Score(definition, ("A-01", AnswerValue.Choices("a", "c", "d"))).Overall);
        Assert.Equal(75m, Score(definition, ("A-01", AnswerValue.Choices("a", "b"))).Overall);
        Assert.Null(Score(definition, ("A-01", AnswerValue.Choices("d"))).Overall);
    }

    [Theory]
    [InlineData(0, 100.0)]
    [InlineData(1, 50.0)]
    [InlineData(10, 50.0)]
    [InlineData(10.5, null)]
    [InlineData(11, 0.0)]
    public void Score_Number_FirstMatchingRange(decimal value, double? expected)
    {
        var definition = TestNumberAndDate();

        var result = Score(definition, ("N-01", AnswerValue.Number(value)));

        Assert.Equal((decimal?)expected, result.Sections[0].Score);
    }

    [Theory]
    [InlineData("2025-06-30", 100)]
    [InlineData("2024-06-30", 100)]
    [InlineData("2024-06-29", 0)]
    [InlineData("2025-07-01", 0)]
    public void Score_Date_CompliantWithinMaxAgeAndNotInFuture(string date, decimal expected)
    {
        var result = Score(TestNumberAndDate(), ("D-01", AnswerValue.Date(DateOnly.Parse(date, CultureInfo.InvariantCulture))));

        Assert.Equal(expected, result.Sections[1].Score);
    }

    [Fact]
    public void Score_TextAndUnscoredQuestions_NeverCount()
    {
        var definition = Valid();

        var result = Score(definition, ("GEN-01", AnswerValue.Choice("no")), ("GEN-07", AnswerValue.Text("notes")));

        Assert.Equal(100m, result.Sections[0].Score);
        Assert.Null(result.Sections[0].Questions[6].Compliance);
        Assert.Equal(0m, result.Sections[0].Questions[6].Weight);
    }

    private static QuestionnaireDefinition TestNumberAndDate()
    {
        var number = Question("N-01", "number", 1, "minor");
        number["ranges"] = new JsonArray(
            new JsonObject { ["max"] = 0, ["compliance"] = 1 },
            new JsonObject { ["min"] = 1, ["max"] = 10, ["compliance"] = 0.5m },
            new JsonObject { ["min"] = 11, ["compliance"] = 0 });
        var date = Question("D-01", "date", 1, "minor");
        date["maxAgeMonths"] = 12;
        return Build(Section("N", 1, number), Section("D", 1, date));
    }

    private static ScoreResult Score(QuestionnaireDefinition definition, params (string, AnswerValue)[] answers) =>
        Scorer.Score(definition, Sheet(answers), Today);
}
