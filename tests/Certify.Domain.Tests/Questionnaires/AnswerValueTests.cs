using Certify.Domain.Questionnaires;

namespace Certify.Domain.Tests.Questionnaires;

public class AnswerValueTests
{
    [Fact]
    public void Choices_SameValuesInOtherOrder_AreEqual()
    {
        Assert.Equal(AnswerValue.Choices("a", "b"), AnswerValue.Choices("b", "a", "b"));
        Assert.Equal(AnswerValue.Choices("a", "b").GetHashCode(), AnswerValue.Choices("b", "a").GetHashCode());
        Assert.NotEqual(AnswerValue.Choices("a", "b"), AnswerValue.Choices("a"));
    }

    [Fact]
    public void Equals_DifferentKinds_NotEqual()
    {
        Assert.NotEqual(AnswerValue.Choice("yes"), AnswerValue.Text("yes"));
        Assert.NotEqual(AnswerValue.Choice("yes"), AnswerValue.Choices("yes"));
        Assert.Equal(AnswerValue.Number(1.50m), AnswerValue.Number(1.5m));
    }

    [Fact]
    public void Includes_ChoiceAndChoices_MatchSelectedValuesOnly()
    {
        Assert.True(AnswerValue.Choice("yes").Includes("yes"));
        Assert.False(AnswerValue.Choice("yes").Includes("no"));
        Assert.True(AnswerValue.Choices("a", "c").Includes("c"));
        Assert.False(AnswerValue.Number(1).Includes("1"));
    }

    [Fact]
    public void Properties_OnlyTheMatchingOneIsSet()
    {
        var date = AnswerValue.Date(new DateOnly(2025, 1, 31));

        Assert.Equal(AnswerKind.Date, date.Kind);
        Assert.Equal(new DateOnly(2025, 1, 31), date.DateValue);
        Assert.Null(date.NumberValue);
        Assert.Null(date.ChoiceValue);
        Assert.Empty(date.ChoiceValues);
    }

    [Fact]
    public void Choice_EmptyValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => AnswerValue.Choice(""));
        Assert.Throws<ArgumentException>(() => AnswerValue.Choices("a", ""));
    }
}
