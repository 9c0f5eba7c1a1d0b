using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using static Certify.Domain.Tests.Questionnaires.TestQuestionnaires;

namespace Certify.Domain.Tests.Reviews;

public class ApprovalGateTests
{
    /// <summary>Section A: A-01 gates A-02 (shown when A-01 = yes), A-03. Section B: B-01.</summary>
    private readonly QuestionnaireDefinition _definition = Build(
        Section("A", 1, YesNoNa("A-01", 1), YesNoNa("A-02", 1).ShownIf("A-01", "yes"), YesNoNa("A-03", 1)),
        Section("B", 1, YesNoNa("B-01", 1)));

    private readonly AnswerSheet _answers = Sheet(Answer("A-01", "yes"), Answer("A-02", "yes"), Answer("A-03", "na"), Answer("B-01", "no"));

    [Theory]
    [InlineData(FindingStatus.Open)]
    [InlineData(FindingStatus.ActionProposed)]
    public void Check_CriticalNotClosed_RefusedWithReason(FindingStatus status)
    {
        var check = ApprovalGate.Check(_definition, _answers, AllJudged(("A-02", FindingSeverity.Minor, FindingStatus.Open), ("B-01", FindingSeverity.Critical, status)));

        Assert.False(check.Allowed);
        Assert.Equal(ApprovalReasonCodes.OpenCriticalFinding, check.ReasonCode);
        Assert.Equal("open-critical-finding", check.ReasonCode);
    }

    [Fact]
    public void Check_CriticalClosed_Allowed()
    {
        var check = ApprovalGate.Check(_definition, _answers, AllJudged(("A-01", FindingSeverity.Critical, FindingStatus.Closed), ("B-01", FindingSeverity.Major, FindingStatus.Open)));

        Assert.True(check.Allowed);
        Assert.Null(check.ReasonCode);
        Assert.Equal(0, check.Unjudged);
    }

    [Fact]
    public void Check_OpenMajorMinorAndObservation_Allowed()
    {
        var check = ApprovalGate.Check(_definition, _answers,
        [
            ("A-01", FindingSeverity.Major, FindingStatus.Open),
            ("A-02", FindingSeverity.Minor, FindingStatus.ActionProposed),
            ("A-03", FindingSeverity.Observation, FindingStatus.Open),
            ("B-01", FindingSeverity.Conformity, FindingStatus.Open),
        ]);

        Assert.True(check.Allowed);
    }

    [Fact]
    public void Check_NoVerdictAtAll_RefusedWithEveryApplicableQuestionCounted()
    {
        var check = ApprovalGate.Check(_definition, _answers, []);

        Assert.Equal(new ApprovalCheck(false, ApprovalReasonCodes.UnjudgedQuestions, 4), check);
        Assert.Equal("unjudged-questions", check.ReasonCode);
    }

    [Fact]
    public void Check_OneQuestionUnjudged_RefusedEvenWithAnOpenCritical()
    {
        var check = ApprovalGate.Check(_definition, _answers,
            [("A-01", FindingSeverity.Critical, FindingStatus.Open), ("A-02", FindingSeverity.Conformity, FindingStatus.Closed), ("A-03", FindingSeverity.Conformity, FindingStatus.Closed)]);

        Assert.Equal(new ApprovalCheck(false, ApprovalReasonCodes.UnjudgedQuestions, 1), check);
    }

    [Fact]
    public void Check_HiddenQuestionNeedsNoVerdict_AndItsVerdictDoesNotCount()
    {
        var gateNo = Sheet(Answer("A-01", "no"), Answer("A-03", "yes"), Answer("B-01", "yes"));

        var withoutHidden = ApprovalGate.Check(_definition, gateNo,
            [("A-01", FindingSeverity.Conformity, FindingStatus.Closed), ("A-03", FindingSeverity.Conformity, FindingStatus.Closed), ("B-01", FindingSeverity.Conformity, FindingStatus.Closed)]);
        var hiddenInsteadOfVisible = ApprovalGate.Check(_definition, gateNo,
            [("A-01", FindingSeverity.Conformity, FindingStatus.Closed), ("A-02", FindingSeverity.Conformity, FindingStatus.Closed), ("A-03", FindingSeverity.Conformity, FindingStatus.Closed)]);

        Assert.True(withoutHidden.Allowed);
        Assert.Equal(new ApprovalCheck(false, ApprovalReasonCodes.UnjudgedQuestions, 1), hiddenInsteadOfVisible);
    }

    [Fact]
    public void UnjudgedQuestions_SomeJudged_ListsTheRestInDocumentOrder()
    {
        var unjudged = ApprovalGate.UnjudgedQuestions(_definition, _answers, ["A-02"]);

        Assert.Equal(["A-01", "A-03", "B-01"], unjudged);
    }

    [Fact]
    public void UnjudgedQuestions_UnansweredQuestionsAreApplicableToo()
    {
        var unjudged = ApprovalGate.UnjudgedQuestions(_definition, Sheet(), []);

        Assert.Equal(["A-01", "A-03", "B-01"], unjudged);
    }

    /// <summary>The given findings plus a conformity on every other applicable question of <see cref="_answers"/>.</summary>
    private static (string, FindingSeverity, FindingStatus)[] AllJudged(params (string Code, FindingSeverity Severity, FindingStatus Status)[] findings) =>
        [.. findings, .. new[] { "A-01", "A-02", "A-03", "B-01" }.Where(c => findings.All(f => f.Code != c)).Select(c => (c, FindingSeverity.Conformity, FindingStatus.Closed))];
}
