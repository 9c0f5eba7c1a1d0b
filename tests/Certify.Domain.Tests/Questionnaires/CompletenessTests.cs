using Certify.Domain.Questionnaires;
using static Certify.Domain.Tests.Questionnaires.TestQuestionnaires;

namespace Certify.Domain.Tests.Questionnaires;

public class CompletenessTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    private readonly QuestionnaireDefinition _definition = Valid();

    [Fact]
    public void Check_EmptySheet_ListsVisibleRequiredQuestionsInDocumentOrder()
    {
        var missing = Completeness.Check(_definition, AnswerSheet.Empty);

        Assert.All(missing, m => Assert.Equal(MissingKind.Answer, m.Kind));
        Assert.Equal(
            [("GEN", "GEN-01"), ("GEN", "GEN-04"), ("GEN", "GEN-05"), ("GEN", "GEN-06"), ("EQU", "EQU-01"), ("EQU", "EQU-02")],
            missing.Select(m => (m.SectionCode, m.QuestionCode)));
    }

    [Fact]
    public void Check_GateClosed_HiddenQuestionsNotRequired()
    {
        var missing = Completeness.Check(_definition, Complete(Answer("GEN-01", "no"), Answer("EQU-01", "no")));

        Assert.Equal([new MissingItem("EQU", "EQU-03", MissingKind.Answer)], missing);
    }

    [Fact]
    public void Check_GateOpen_DependantsRequired()
    {
        var missing = Completeness.Check(_definition, Complete(Answer("GEN-01", "yes"), Answer("EQU-01", "no")));

        Assert.Equal(
            [new MissingItem("GEN", "GEN-02", MissingKind.Answer)],
            missing);
    }

    [Fact]
    public void Check_EvidenceRuleWithWhenAnswers_OnlyForThoseAnswers()
    {
        var answeredNo = Completeness.Check(_definition, Complete(Answer("GEN-01", "no"), Answer("EQU-01", "no"), Answer("EQU-03", "na")));
        var answeredYes = Completeness.Check(_definition, Complete(Answer("GEN-01", "no"), Answer("EQU-01", "yes"), Answer("EQU-03", "na")));

        Assert.Empty(answeredNo);
        Assert.Equal([new MissingItem("EQU", "EQU-01", MissingKind.Evidence)], answeredYes);
    }

    [Fact]
    public void Check_RenewedFileNotConfirmed_AsksForConfirmationEvenWhenTheFileSatisfiesTheRule()
    {
        var sheet = new AnswerSheet(
            CompleteAnswers(Answer("GEN-01", "no"), Answer("EQU-01", "yes"), Answer("EQU-03", "na")),
            new Dictionary<string, int> { ["EQU-01"] = 2 },
            new Dictionary<string, int> { ["EQU-01"] = 1 });

        Assert.Equal([new MissingItem("EQU", "EQU-01", MissingKind.EvidenceToConfirm)], Completeness.Check(_definition, sheet));
    }

    [Fact]
    public void Check_RenewedFileOnHiddenQuestion_NotAsked()
    {
        var sheet = new AnswerSheet(
            CompleteAnswers(Answer("GEN-01", "no"), Answer("EQU-01", "no"), Answer("EQU-03", "na")),
            new Dictionary<string, int> { ["GEN-02"] = 1 },
            new Dictionary<string, int> { ["GEN-02"] = 1 });

        Assert.Empty(Completeness.Check(_definition, sheet));
    }

    [Fact]
    public void Check_EvidenceUploaded_NothingMissing()
    {
        var sheet = new AnswerSheet(
            CompleteAnswers(Answer("GEN-01", "no"), Answer("EQU-01", "yes"), Answer("EQU-03", "na")),
            new Dictionary<string, int> { ["EQU-01"] = 1 });

        Assert.Empty(Completeness.Check(_definition, sheet));
    }

    [Fact]
    public void Check_EvidenceRuleWithoutWhenAnswers_RequiredForEveryAnswer()
    {
        var missing = Completeness.Check(_definition, Complete(
            Answer("GEN-01", "yes"), Answer("GEN-02", "no"), Answer("GEN-03", "no"), Answer("EQU-01", "no")));

        Assert.Equal([new MissingItem("GEN", "GEN-03", MissingKind.Evidence)], missing);
    }

    [Fact]
    public void Check_AnswerOfWrongKind_StillMissing()
    {
        var sheet = Complete(Answer("GEN-01", "no"), Answer("EQU-01", "no"), Answer("EQU-03", "na"), ("EQU-02", AnswerValue.Number(1)));

        Assert.Equal([new MissingItem("EQU", "EQU-02", MissingKind.Answer)], Completeness.Check(_definition, sheet));
    }

    [Fact]
    public void Check_OptionalQuestionUnanswered_NotMissing()
    {
        var missing = Completeness.Check(_definition, Complete(Answer("GEN-01", "no"), Answer("EQU-01", "no")));

        Assert.DoesNotContain(missing, m => m.QuestionCode == "GEN-07");
    }

    /// <summary>Answers to the always-visible questions other than the gates, overridden by the given ones.</summary>
    private static AnswerSheet Complete(params (string, AnswerValue)[] answers) => new(CompleteAnswers(answers));

    private static Dictionary<string, AnswerValue> CompleteAnswers(params (string Code, AnswerValue Answer)[] answers)
    {
        var all = new Dictionary<string, AnswerValue>
        {
            ["GEN-04"] = AnswerValue.Choices("a"),
            ["GEN-05"] = AnswerValue.Number(0),
            ["GEN-06"] = AnswerValue.Date(Today),
            ["EQU-02"] = AnswerValue.Choice("yes"),
        };
        foreach (var (code, answer) in answers)
        {
            all[code] = answer;
        }

        return all;
    }
}
