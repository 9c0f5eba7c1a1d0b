using Certify.Domain.Programs;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using Certify.Domain.Scoring;
using static Certify.Domain.Tests.Questionnaires.TestQuestionnaires;

namespace Certify.Domain.Tests.Reviews;

public class ReviewScoringTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    /// <summary>Section A: A-01 critical w3, A-02 major w2 (yes/partial/no), A-03 minor w1. Section B: B-01 minor w1.</summary>
    private readonly QuestionnaireDefinition _basic = Build(
        Section("A", 1, YesNoNa("A-01", 3, "critical"), YesPartialNo("A-02", 2), YesNoNa("A-03", 1)),
        Section("B", 1, YesNoNa("B-01", 1)));

    private readonly AnswerSheet _allYes = Sheet(Answer("A-01", "yes"), Answer("A-02", "yes"), Answer("A-03", "yes"), Answer("B-01", "yes"));

    [Theory]
    [InlineData(FindingSeverity.Conformity, 1)]
    [InlineData(FindingSeverity.Observation, 1)]
    [InlineData(FindingSeverity.Minor, 0.5)]
    [InlineData(FindingSeverity.Major, 0)]
    [InlineData(FindingSeverity.Critical, 0)]
    public void ComplianceOf_EachVerdict_QuestionnaireScale(FindingSeverity verdict, decimal expected)
    {
        Assert.Equal(expected, ReviewScoring.ComplianceOf(verdict));
    }

    [Fact]
    public void AuditorScore_AllConformity_Is100AndEligible()
    {
        var sheet = Sheet(Answer("A-01", "no"), Answer("A-02", "partial"), Answer("A-03", "yes"), Answer("B-01", "no"));
        var verdicts = Verdicts(("A-01", FindingSeverity.Conformity), ("A-02", FindingSeverity.Conformity), ("A-03", FindingSeverity.Conformity), ("B-01", FindingSeverity.Conformity));

        var result = ReviewScoring.AuditorScore(_basic, sheet, verdicts, Today);

        Assert.Equal(100m, result.Overall);
        Assert.Equal([100m, 100m], result.Sections.Select(s => s.Score));
        Assert.True(result.Eligible);
    }

    [Fact]
    public void AuditorScore_MajorOnWeight2Question_LowersSectionByItsWeightShare()
    {
        var result = ReviewScoring.AuditorScore(_basic, _allYes, Verdicts(("A-02", FindingSeverity.Major)), Today);

        // A = (3 + 0 + 1) / 6 = 66.67; overall = (66.666… + 100) / 2.
        Assert.Equal(66.67m, result.Sections[0].Score);
        Assert.Equal(100m, result.Sections[1].Score);
        Assert.Equal(83.33m, result.Overall);
        Assert.Equal(0m, result.Sections[0].Questions[1].Compliance);
        Assert.Equal(33.33m, result.Sections[0].Questions[1].PointsLost);
        Assert.True(result.Eligible);
    }

    [Fact]
    public void AuditorScore_MinorVerdict_CountsHalf()
    {
        var result = ReviewScoring.AuditorScore(_basic, _allYes, Verdicts(("A-02", FindingSeverity.Minor)), Today);

        Assert.Equal(83.33m, result.Sections[0].Score);
        Assert.Equal(0.5m, result.Sections[0].Questions[1].Compliance);
    }

    [Fact]
    public void AuditorScore_ObservationOnPartialAnswer_CountsAsCompliant()
    {
        var sheet = Sheet(Answer("A-01", "yes"), Answer("A-02", "partial"), Answer("A-03", "yes"), Answer("B-01", "yes"));

        var result = ReviewScoring.AuditorScore(_basic, sheet, Verdicts(("A-02", FindingSeverity.Observation)), Today);

        Assert.Equal(100m, result.Overall);
        Assert.Equal(1m, result.Sections[0].Questions[1].Compliance);
    }

    [Fact]
    public void AuditorScore_CriticalVerdictOnMinorQuestion_NotEligible()
    {
        var result = ReviewScoring.AuditorScore(_basic, _allYes, Verdicts(("A-03", FindingSeverity.Critical)), Today);

        Assert.False(result.Eligible);
        Assert.Equal(["A-03"], result.CriticalFailures);
        Assert.Equal(83.33m, result.Sections[0].Score);
    }

    [Fact]
    public void AuditorScore_CriticalQuestionJudgedMajor_NotEligible()
    {
        var result = ReviewScoring.AuditorScore(_basic, _allYes, Verdicts(("A-01", FindingSeverity.Major)), Today);

        Assert.False(result.Eligible);
        Assert.Equal(["A-01"], result.CriticalFailures);
    }

    [Fact]
    public void AuditorScore_CriticalQuestionJudgedMinor_StillEligible()
    {
        var result = ReviewScoring.AuditorScore(_basic, _allYes, Verdicts(("A-01", FindingSeverity.Minor)), Today);

        Assert.True(result.Eligible);
    }

    [Fact]
    public void AuditorScore_CompanyCriticalNoWithoutVerdict_StaysNotEligible()
    {
        var sheet = Sheet(Answer("A-01", "no"), Answer("A-02", "yes"), Answer("A-03", "yes"), Answer("B-01", "yes"));

        var result = ReviewScoring.AuditorScore(_basic, sheet, Verdicts(("A-02", FindingSeverity.Conformity)), Today);

        Assert.Equal(["A-01"], result.CriticalFailures);
    }

    [Fact]
    public void AuditorScore_CompanyCriticalNoJudgedConformity_Eligible()
    {
        var sheet = Sheet(Answer("A-01", "no"), Answer("A-02", "yes"), Answer("A-03", "yes"), Answer("B-01", "yes"));

        var result = ReviewScoring.AuditorScore(_basic, sheet, Verdicts(("A-01", FindingSeverity.Conformity)), Today);

        Assert.True(result.Eligible);
        Assert.Equal(100m, result.Overall);
    }

    [Fact]
    public void AuditorScore_NotApplicableWithoutVerdict_StaysExcluded()
    {
        var sheet = Sheet(Answer("A-01", "yes"), Answer("A-02", "no"), Answer("A-03", "na"), Answer("B-01", "yes"));

        var result = ReviewScoring.AuditorScore(_basic, sheet, Verdicts(("A-01", FindingSeverity.Conformity)), Today);

        // A = (3 + 0) / (3 + 2): A-03 leaves the denominator.
        Assert.Equal(60m, result.Sections[0].Score);
        Assert.Null(result.Sections[0].Questions[2].Compliance);
    }

    [Fact]
    public void AuditorScore_NotApplicableWithVerdict_CountsVerdict()
    {
        var sheet = Sheet(Answer("A-01", "yes"), Answer("A-02", "yes"), Answer("A-03", "na"), Answer("B-01", "yes"));

        var result = ReviewScoring.AuditorScore(_basic, sheet, Verdicts(("A-03", FindingSeverity.Major)), Today);

        // A = (3 + 2 + 0) / 6.
        Assert.Equal(83.33m, result.Sections[0].Score);
        Assert.Equal(0m, result.Sections[0].Questions[2].Compliance);
    }

    [Fact]
    public void AuditorScore_NoVerdicts_SameAsCompanyScore()
    {
        var definition = Build(
            Section("A", 2, YesNoNa("A-01", 3, "critical"), YesPartialNo("A-02", 2), YesNoNa("A-03", 1)),
            Section("B", 1, YesNoNa("B-01", 1), YesPartialNo("B-02", 4)));
        var sheet = Sheet(Answer("A-01", "no"), Answer("A-02", "partial"), Answer("A-03", "na"), Answer("B-01", "yes"), Answer("B-02", "partial"));

        var expected = Scorer.Score(definition, sheet, Today);
        var actual = ReviewScoring.AuditorScore(definition, sheet, Verdicts(), Today);

        Assert.Equal(expected.Overall, actual.Overall);
        Assert.Equal(expected.CriticalFailures, actual.CriticalFailures);
        Assert.Equal(expected.Sections.Select(s => (s.Code, s.Score, s.Weight)), actual.Sections.Select(s => (s.Code, s.Score, s.Weight)));
        Assert.Equal(expected.Sections.SelectMany(s => s.Questions), actual.Sections.SelectMany(s => s.Questions));
    }

    [Fact]
    public void AuditorScore_VerdictOnHiddenQuestion_Ignored()
    {
        var definition = Build(Section("A", 1,
            Choice("A-01", "singleChoice", 1, "minor", ("yes", 1), ("no", 1)),
            YesNoNa("A-02", 3, "critical").ShownIf("A-01", "yes")));

        var result = ReviewScoring.AuditorScore(definition, Sheet(Answer("A-01", "no")), Verdicts(("A-02", FindingSeverity.Critical)), Today);

        Assert.Equal(100m, result.Overall);
        Assert.True(result.Eligible);
        Assert.Null(result.Sections[0].Questions[1].Compliance);
    }

    [Fact]
    public void AuditorScore_CriticalVerdictOnTextQuestion_NotEligibleScoreUnchanged()
    {
        var definition = Build(Section("A", 1, YesNoNa("A-01", 1), Question("A-02", "text", 1, "minor")));
        var sheet = Sheet(Answer("A-01", "yes"), ("A-02", AnswerValue.Text("Protocolo en revisión")));

        var result = ReviewScoring.AuditorScore(definition, sheet, Verdicts(("A-02", FindingSeverity.Critical)), Today);

        Assert.Equal(100m, result.Overall);
        Assert.Equal(["A-02"], result.CriticalFailures);
        Assert.Null(result.Sections[0].Questions[1].Compliance);
    }

    [Fact]
    public void AuditorScore_VerdictOnUnknownQuestion_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ReviewScoring.AuditorScore(_basic, _allYes, Verdicts(("Z-99", FindingSeverity.Minor)), Today));

        Assert.Contains("Z-99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditorScore_ThroughProgramLevels_LevelFollowsAuditorNotCompany()
    {
        var program = new ProgramDefinition(
            "TEST",
            "capb-demo",
            new LocalizedText("Distintivo", "Distinctive"),
            new QuestionnaireReference("TEST", "2025.1"),
            [new LevelRule("A", 90m, 24, false), new LevelRule("B", 75m, 24, false), new LevelRule("C", 60m, 12, true)],
            15,
            false);

        var company = Levels.Determine(program, Scorer.Score(_basic, _allYes, Today));
        var auditor = Levels.Determine(program, ReviewScoring.AuditorScore(_basic, _allYes, Verdicts(("A-02", FindingSeverity.Major)), Today));
        var critical = Levels.Determine(program, ReviewScoring.AuditorScore(_basic, _allYes, Verdicts(("B-01", FindingSeverity.Critical)), Today));

        Assert.Equal("A", company.Level?.Code);
        Assert.Equal("B", auditor.Level?.Code);
        Assert.False(critical.Granted);
        Assert.Equal(LevelReasonCodes.NotEligible, critical.ReasonCode);
    }

    private static Dictionary<string, FindingSeverity> Verdicts(params (string Code, FindingSeverity Verdict)[] verdicts) =>
        verdicts.ToDictionary(v => v.Code, v => v.Verdict, StringComparer.Ordinal);
}
