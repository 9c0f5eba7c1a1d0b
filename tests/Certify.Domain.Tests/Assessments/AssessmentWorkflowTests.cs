using Certify.Domain.Assessments;

namespace Certify.Domain.Tests.Assessments;

public class AssessmentWorkflowTests
{
    public static TheoryData<AssessmentState, AssessmentTrigger, WorkflowActor, AssessmentState> Legal => new()
    {
        { AssessmentState.Draft, AssessmentTrigger.Submit, WorkflowActor.CompanyMember, AssessmentState.Submitted },
        { AssessmentState.ChangesRequested, AssessmentTrigger.Submit, WorkflowActor.CompanyMember, AssessmentState.Submitted },
        { AssessmentState.Submitted, AssessmentTrigger.StartReview, WorkflowActor.Auditor, AssessmentState.InReview },
        { AssessmentState.Submitted, AssessmentTrigger.StartReview, WorkflowActor.System, AssessmentState.InReview },
        { AssessmentState.InReview, AssessmentTrigger.RequestChanges, WorkflowActor.Auditor, AssessmentState.ChangesRequested },
        { AssessmentState.InReview, AssessmentTrigger.Approve, WorkflowActor.Auditor, AssessmentState.Approved },
        { AssessmentState.InReview, AssessmentTrigger.Approve, WorkflowActor.ProgramAdmin, AssessmentState.Approved },
        { AssessmentState.InReview, AssessmentTrigger.Reject, WorkflowActor.Auditor, AssessmentState.Rejected },
        { AssessmentState.InReview, AssessmentTrigger.Reject, WorkflowActor.ProgramAdmin, AssessmentState.Rejected },
        { AssessmentState.Approved, AssessmentTrigger.Issue, WorkflowActor.System, AssessmentState.Issued },
        { AssessmentState.Issued, AssessmentTrigger.RequestFollowUp, WorkflowActor.Auditor, AssessmentState.ChangesRequested },
        { AssessmentState.Issued, AssessmentTrigger.RequestFollowUp, WorkflowActor.ProgramAdmin, AssessmentState.ChangesRequested },
    };

    [Theory]
    [MemberData(nameof(Legal))]
    public void Fire_LegalTransitionByAllowedActor_ReturnsNextState(AssessmentState from, AssessmentTrigger trigger, WorkflowActor actor, AssessmentState expected)
    {
        Assert.Equal(expected, AssessmentWorkflow.Fire(from, trigger, actor));
        Assert.True(AssessmentWorkflow.CanFire(from, trigger, actor));
    }

    [Fact]
    public void Fire_EveryOtherCombination_Throws()
    {
        var legal = Legal.Select(row => ((AssessmentState)row[0], (AssessmentTrigger)row[1], (WorkflowActor)row[2])).ToHashSet();
        var refused = 0;
        foreach (var state in Enum.GetValues<AssessmentState>())
        {
            foreach (var trigger in Enum.GetValues<AssessmentTrigger>())
            {
                foreach (var actor in Enum.GetValues<WorkflowActor>())
                {
                    if (legal.Contains((state, trigger, actor)))
                    {
                        continue;
                    }

                    var error = Assert.Throws<InvalidTransitionException>(() => AssessmentWorkflow.Fire(state, trigger, actor));
                    Assert.Equal(state, error.From);
                    Assert.False(AssessmentWorkflow.CanFire(state, trigger, actor));
                    refused++;
                }
            }
        }

        Assert.Equal((7 * 7 * 4) - legal.Count, refused);
    }

    [Fact]
    public void Fire_AuditorSubmittingForCompany_NamesAllowedRole()
    {
        var error = Assert.Throws<InvalidTransitionException>(() =>
            AssessmentWorkflow.Fire(AssessmentState.Draft, AssessmentTrigger.Submit, WorkflowActor.Auditor));

        Assert.Contains("CompanyMember", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AssessmentState.Draft, true)]
    [InlineData(AssessmentState.ChangesRequested, true)]
    [InlineData(AssessmentState.Submitted, false)]
    [InlineData(AssessmentState.InReview, false)]
    [InlineData(AssessmentState.Approved, false)]
    [InlineData(AssessmentState.Issued, false)]
    public void AnswersEditable_ByState_OnlyWhileCompanyHoldsThePen(AssessmentState state, bool editable) =>
        Assert.Equal(editable, AssessmentWorkflow.AnswersEditable(state));

    [Theory]
    [InlineData(AssessmentState.Draft, true)]
    [InlineData(AssessmentState.InReview, true)]
    [InlineData(AssessmentState.Approved, false)]
    [InlineData(AssessmentState.Rejected, false)]
    [InlineData(AssessmentState.Issued, false)]
    public void IsOpen_ByState_ClosedOnceDecided(AssessmentState state, bool open) =>
        Assert.Equal(open, AssessmentWorkflow.IsOpen(state));

    [Fact]
    public void FollowUpRound_FromIssued_GoesThroughTheReviewRoundsAndBackToIssued()
    {
        var state = AssessmentWorkflow.Fire(AssessmentState.Issued, AssessmentTrigger.RequestFollowUp, WorkflowActor.ProgramAdmin);
        Assert.True(AssessmentWorkflow.AnswersEditable(state));
        Assert.True(AssessmentWorkflow.IsOpen(state));

        state = AssessmentWorkflow.Fire(state, AssessmentTrigger.Submit, WorkflowActor.CompanyMember);
        state = AssessmentWorkflow.Fire(state, AssessmentTrigger.StartReview, WorkflowActor.Auditor);
        state = AssessmentWorkflow.Fire(state, AssessmentTrigger.Approve, WorkflowActor.Auditor);
        state = AssessmentWorkflow.Fire(state, AssessmentTrigger.Issue, WorkflowActor.System);

        Assert.Equal(AssessmentState.Issued, state);
        Assert.Equal(1, AssessmentWorkflow.SubmissionCountAfter(AssessmentTrigger.RequestFollowUp, 1));
    }

    [Fact]
    public void SubmissionCountAfter_EachSubmitIsANewRound_OtherTriggersCountNothing()
    {
        var count = AssessmentWorkflow.SubmissionCountAfter(AssessmentTrigger.Submit, 0);
        count = AssessmentWorkflow.SubmissionCountAfter(AssessmentTrigger.StartReview, count);
        count = AssessmentWorkflow.SubmissionCountAfter(AssessmentTrigger.RequestChanges, count);
        count = AssessmentWorkflow.SubmissionCountAfter(AssessmentTrigger.Submit, count);
        count = AssessmentWorkflow.SubmissionCountAfter(AssessmentTrigger.Approve, count);

        Assert.Equal(2, count);
    }
}
