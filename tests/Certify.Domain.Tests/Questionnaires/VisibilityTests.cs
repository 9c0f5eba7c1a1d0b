using Certify.Domain.Questionnaires;
using static Certify.Domain.Tests.Questionnaires.TestQuestionnaires;

namespace Certify.Domain.Tests.Questionnaires;

public class VisibilityTests
{
    private readonly QuestionnaireDefinition _definition = Valid();

    [Fact]
    public void VisibleQuestions_NoAnswers_HidesEveryQuestionWithShowIf()
    {
        var visible = Visibility.VisibleQuestions(_definition, Sheet());

        Assert.Equal(["GEN-01", "GEN-04", "GEN-05", "GEN-06", "GEN-07", "EQU-01", "EQU-02"], _definition.Questions.Select(q => q.Code).Where(visible.Contains));
    }

    [Fact]
    public void VisibleQuestions_GateOpen_ShowsDependantsDownTheChain()
    {
        var visible = Visibility.VisibleQuestions(_definition, Sheet(Answer("GEN-01", "yes"), Answer("GEN-02", "no")));

        Assert.Contains("GEN-02", visible);
        Assert.Contains("GEN-03", visible);
    }

    [Fact]
    public void VisibleQuestions_GateAnswerChanged_HidesDependantsAndTheirDependants()
    {
        var before = Visibility.VisibleQuestions(_definition, Sheet(Answer("GEN-01", "yes"), Answer("GEN-02", "yes")));
        var after = Visibility.VisibleQuestions(_definition, Sheet(Answer("GEN-01", "no"), Answer("GEN-02", "yes")));

        Assert.Contains("GEN-03", before);
        Assert.DoesNotContain("GEN-02", after);
        Assert.DoesNotContain("GEN-03", after);
    }

    [Fact]
    public void VisibleQuestions_MiddleOfChainNotApplicable_HidesOnlyTheLast()
    {
        var visible = Visibility.VisibleQuestions(_definition, Sheet(Answer("GEN-01", "yes"), Answer("GEN-02", "na")));

        Assert.Contains("GEN-02", visible);
        Assert.DoesNotContain("GEN-03", visible);
    }

    [Theory]
    [InlineData("no", "no", true)]
    [InlineData("yes", "yes", true)]
    [InlineData("yes", "no", false)]
    [InlineData("yes", "na", false)]
    public void VisibleQuestions_AnyCondition_OneHoldingIsEnough(string gen01, string equ01, bool expected)
    {
        var visible = Visibility.VisibleQuestions(_definition, Sheet(Answer("GEN-01", gen01), Answer("EQU-01", equ01)));

        Assert.Equal(expected, visible.Contains("EQU-03"));
    }

    [Fact]
    public void VisibleQuestions_AnswerNotAnOption_CountsAsUnanswered()
    {
        var visible = Visibility.VisibleQuestions(_definition, Sheet(Answer("GEN-01", "maybe")));

        Assert.DoesNotContain("GEN-02", visible);
    }

    [Fact]
    public void VisibleQuestions_AnswerOfWrongKind_CountsAsUnanswered()
    {
        var visible = Visibility.VisibleQuestions(_definition, Sheet(("GEN-01", AnswerValue.Text("yes"))));

        Assert.DoesNotContain("GEN-02", visible);
    }

    [Fact]
    public void VisibleQuestions_MultipleChoiceGate_HoldsWhenAnySelectedValueMatches()
    {
        var definition = Build(Section("S", 1,
            Choice("S-01", "multipleChoice", 1, "minor", ("a", 1), ("b", 1)),
            YesNoNa("S-02", 1).ShownIf("S-01", "b")));

        var withB = Visibility.VisibleQuestions(definition, Sheet(("S-01", AnswerValue.Choices("a", "b"))));
        var withoutB = Visibility.VisibleQuestions(definition, Sheet(("S-01", AnswerValue.Choices("a"))));

        Assert.Contains("S-02", withB);
        Assert.DoesNotContain("S-02", withoutB);
    }
}
