using Certify.Domain.Concerns;

namespace Certify.Domain.Tests.Concerns;

public sealed class ConcernWorkflowTests
{
    private static readonly DateOnly Received = new(2026, 3, 2);

    private static ConcernDates Fresh => new(ConcernState.New, Received, null, null);

    [Fact]
    public void Due_NewConcern_WaitsForAcknowledgementWithinSevenDays()
    {
        var due = ConcernWorkflow.Due(Fresh, Received.AddDays(7));

        Assert.Equal(new ConcernDue(ConcernDeadline.Acknowledge, new DateOnly(2026, 3, 9), Overdue: false), due);
        Assert.True(ConcernWorkflow.Due(Fresh, Received.AddDays(8))!.Overdue);
    }

    [Fact]
    public void Due_Acknowledged_WaitsForFeedbackWithinNinetyDays()
    {
        var acknowledged = ConcernWorkflow.Apply(ConcernAction.Acknowledge, Fresh, Received.AddDays(1));

        var due = ConcernWorkflow.Due(acknowledged, Received.AddDays(90));

        Assert.Equal(new ConcernDue(ConcernDeadline.Feedback, new DateOnly(2026, 5, 31), Overdue: false), due);
        Assert.True(ConcernWorkflow.Due(acknowledged, Received.AddDays(91))!.Overdue);
    }

    [Fact]
    public void Reply_FirstMessageAcknowledges_SecondIsFeedback()
    {
        var first = ConcernWorkflow.Apply(ConcernAction.Reply, Fresh, Received.AddDays(2));
        var second = ConcernWorkflow.Apply(ConcernAction.Reply, first, Received.AddDays(5));

        Assert.Equal(ConcernState.Acknowledged, first.State);
        Assert.Equal(Received.AddDays(2), first.AcknowledgedOn);
        Assert.Null(first.FeedbackOn);
        Assert.Equal(ConcernDeadline.Feedback, ConcernWorkflow.Due(first, Received.AddDays(3))!.Deadline);
        Assert.Equal(Received.AddDays(5), second.FeedbackOn);
        Assert.Null(ConcernWorkflow.Due(second, Received.AddDays(200)));
    }

    [Fact]
    public void Close_CountsAsAcknowledgementAndFeedback_AndEndsEveryDeadline()
    {
        var closed = ConcernWorkflow.Apply(ConcernAction.Close, Fresh, Received.AddDays(30));

        Assert.Equal(ConcernState.Closed, closed.State);
        Assert.Equal(Received.AddDays(30), closed.AcknowledgedOn);
        Assert.Equal(Received.AddDays(30), closed.FeedbackOn);
        Assert.Null(ConcernWorkflow.Due(closed, Received.AddDays(400)));
    }

    [Fact]
    public void StartReview_KeepsTheFirstAcknowledgementDay()
    {
        var acknowledged = ConcernWorkflow.Apply(ConcernAction.Acknowledge, Fresh, Received.AddDays(1));

        var reviewing = ConcernWorkflow.Apply(ConcernAction.StartReview, acknowledged, Received.AddDays(10));

        Assert.Equal(ConcernState.UnderReview, reviewing.State);
        Assert.Equal(Received.AddDays(1), reviewing.AcknowledgedOn);
    }

    [Theory]
    [InlineData(ConcernAction.Acknowledge, ConcernState.New, true)]
    [InlineData(ConcernAction.Acknowledge, ConcernState.Acknowledged, false)]
    [InlineData(ConcernAction.StartReview, ConcernState.Acknowledged, true)]
    [InlineData(ConcernAction.StartReview, ConcernState.UnderReview, false)]
    [InlineData(ConcernAction.Reply, ConcernState.UnderReview, true)]
    [InlineData(ConcernAction.Reply, ConcernState.Closed, false)]
    [InlineData(ConcernAction.Close, ConcernState.Closed, false)]
    [InlineData(ConcernAction.Close, ConcernState.New, true)]
    public void CanApply_FollowsTheStates(ConcernAction action, ConcernState state, bool allowed)
    {
        Assert.Equal(allowed, ConcernWorkflow.CanApply(action, state));
        if (!allowed)
        {
            Assert.Throws<InvalidOperationException>(() => ConcernWorkflow.Apply(action, Fresh with { State = state }, Received));
        }
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(4, null)]
    [InlineData(5, 5)]
    [InlineData(12, 12)]
    public void Publishable_HidesCellsBelowFive(int count, int? shown) =>
        Assert.Equal(shown, ConcernCounts.Publishable(count));
}

public sealed class ReceiptCodeTests
{
    [Fact]
    public void Generate_GivesLookupAndSecretThatParseBack()
    {
        var code = ReceiptCode.Generate();

        Assert.True(ReceiptCode.TryParse(code.Format(), out var parsed));
        Assert.Equal(code, parsed);
        Assert.Equal(ReceiptCode.LookupLength, code.LookupId.Length);
        Assert.Equal(ReceiptCode.SecretLength, code.Secret.Length);
        Assert.Matches("^[0-9A-Z]{6}(-[0-9A-Z]{4}){5}$", code.Format());
    }

    [Fact]
    public void Generate_TwoCodesDiffer() => Assert.NotEqual(ReceiptCode.Generate(), ReceiptCode.Generate());

    [Fact]
    public void TryParse_ForgivesCaseSpacesAndLookalikes()
    {
        var code = new ReceiptCode("AB01CD", "0123456789ABCDEFGH1K");

        Assert.True(ReceiptCode.TryParse(" ab0lcd 0123-4567 89ab cdef-ghik ".Replace('l', 'I'), out var parsed));
        Assert.Equal(code, parsed);
        Assert.True(ReceiptCode.TryParse("abolcd-o123-4567-89ab-cdef-gh1k", out var lookalike));
        Assert.Equal(code, lookalike);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AB01CD-0123")]
    [InlineData("AB01CD-0123-4567-89AB-CDEF-GH1K-0")]
    [InlineData("AB01CD-0123-4567-89AB-CDEF-GH1U")]
    [InlineData("AB01CD-0123-4567-89AB-CDEF-GH1%")]
    public void TryParse_RefusesWrongShapes(string? text) => Assert.False(ReceiptCode.TryParse(text, out _));
}
