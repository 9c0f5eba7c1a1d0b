using Certify.Domain.Assessments;
using Certify.Domain.Reviews;

namespace Certify.Domain.Tests.Reviews;

public class FindingLifecycleTests
{
    public static TheoryData<FindingStatus, FindingTrigger, WorkflowActor, FindingStatus> Legal => new()
    {
        { FindingStatus.Open, FindingTrigger.Propose, WorkflowActor.CompanyMember, FindingStatus.ActionProposed },
        { FindingStatus.ActionProposed, FindingTrigger.Close, WorkflowActor.Auditor, FindingStatus.Closed },
        { FindingStatus.ActionProposed, FindingTrigger.Reopen, WorkflowActor.Auditor, FindingStatus.Open },
        { FindingStatus.Closed, FindingTrigger.Reopen, WorkflowActor.Auditor, FindingStatus.Open },
    };

    [Theory]
    [MemberData(nameof(Legal))]
    public void Fire_LegalTransitionByAllowedActor_ReturnsNextStatus(FindingStatus from, FindingTrigger trigger, WorkflowActor actor, FindingStatus expected)
    {
        Assert.Equal(expected, FindingLifecycle.Fire(from, trigger, actor));
        Assert.True(FindingLifecycle.CanFire(from, trigger, actor));
    }

    [Fact]
    public void Fire_EveryOtherCombination_Throws()
    {
        var legal = Legal.Select(row => ((FindingStatus)row[0], (FindingTrigger)row[1], (WorkflowActor)row[2])).ToHashSet();
        var refused = 0;
        foreach (var status in Enum.GetValues<FindingStatus>())
        {
            foreach (var trigger in Enum.GetValues<FindingTrigger>())
            {
                foreach (var actor in Enum.GetValues<WorkflowActor>())
                {
                    if (legal.Contains((status, trigger, actor)))
                    {
                        continue;
                    }

                    var error = Assert.Throws<InvalidFindingTransitionException>(() => FindingLifecycle.Fire(status, trigger, actor));
                    Assert.Equal(status, error.From);
                    Assert.Equal(trigger, error.Trigger);
                    Assert.Equal(actor, error.Actor);
                    Assert.False(FindingLifecycle.CanFire(status, trigger, actor));
                    refused++;
                }
            }
        }

        Assert.Equal((3 * 3 * 4) - legal.Count, refused);
    }

    [Fact]
    public void Propose_OpenByCompany_ActionProposed()
    {
        Assert.Equal(FindingStatus.ActionProposed, FindingLifecycle.Propose(FindingStatus.Open, WorkflowActor.CompanyMember));
    }

    [Fact]
    public void Close_ProposedByAuditor_Closed()
    {
        Assert.Equal(FindingStatus.Closed, FindingLifecycle.Close(FindingStatus.ActionProposed, WorkflowActor.Auditor));
    }

    [Theory]
    [InlineData(FindingStatus.ActionProposed)]
    [InlineData(FindingStatus.Closed)]
    public void Reopen_ProposedOrClosedByAuditor_Open(FindingStatus from)
    {
        Assert.Equal(FindingStatus.Open, FindingLifecycle.Reopen(from, WorkflowActor.Auditor));
    }

    [Fact]
    public void Close_OpenWithoutProposedAction_ThrowsNamingNoTransition()
    {
        var error = Assert.Throws<InvalidFindingTransitionException>(() => FindingLifecycle.Close(FindingStatus.Open, WorkflowActor.Auditor));

        Assert.Contains("no Close transition leaves Open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_ByCompany_ThrowsNamingAllowedRole()
    {
        var error = Assert.Throws<InvalidFindingTransitionException>(() => FindingLifecycle.Close(FindingStatus.ActionProposed, WorkflowActor.CompanyMember));

        Assert.Contains("only Auditor may do this", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Propose_ByAuditor_ThrowsNamingAllowedRole()
    {
        var error = Assert.Throws<InvalidFindingTransitionException>(() => FindingLifecycle.Propose(FindingStatus.Open, WorkflowActor.Auditor));

        Assert.Contains("only CompanyMember may do this", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reopen_OpenFinding_Throws()
    {
        Assert.Throws<InvalidFindingTransitionException>(() => FindingLifecycle.Reopen(FindingStatus.Open, WorkflowActor.Auditor));
    }

    [Fact]
    public void Propose_AlreadyProposed_Throws()
    {
        Assert.Throws<InvalidFindingTransitionException>(() => FindingLifecycle.Propose(FindingStatus.ActionProposed, WorkflowActor.CompanyMember));
    }

    [Theory]
    [InlineData(FindingSeverity.Conformity, FindingStatus.Closed)]
    [InlineData(FindingSeverity.Observation, FindingStatus.Closed)]
    [InlineData(FindingSeverity.Minor, FindingStatus.Open)]
    [InlineData(FindingSeverity.Major, FindingStatus.Open)]
    [InlineData(FindingSeverity.Critical, FindingStatus.Open)]
    public void Recorded_NonConformityOpens_OtherVerdictsAreClosed(FindingSeverity severity, FindingStatus expected) =>
        Assert.Equal(expected, FindingLifecycle.Recorded(severity));

    [Fact]
    public void DueOn_KeptForNonConformity_DroppedOtherwise()
    {
        var due = new DateOnly(2027, 1, 15);

        Assert.Equal(due, FindingLifecycle.DueOn(FindingSeverity.Minor, due));
        Assert.Null(FindingLifecycle.DueOn(FindingSeverity.Observation, due));
        Assert.Null(FindingLifecycle.DueOn(FindingSeverity.Conformity, due));
    }
}
