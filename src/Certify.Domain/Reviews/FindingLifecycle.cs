using Certify.Domain.Assessments;

namespace Certify.Domain.Reviews;

public enum FindingTrigger { Propose, Close, Reopen }

public sealed class InvalidFindingTransitionException(FindingStatus from, FindingTrigger trigger, WorkflowActor actor, string reason)
    : InvalidOperationException($"Cannot {trigger} a finding in status {from} as {actor}: {reason}")
{
    public FindingStatus From { get; } = from;
    public FindingTrigger Trigger { get; } = trigger;
    public WorkflowActor Actor { get; } = actor;
}

/// <summary>
/// Closure of a finding, SMETA-style: Open → ActionProposed (the company answers with a corrective action) →
/// Closed (the auditor accepts it) or back to Open (the auditor reopens it); a closed finding can be reopened by the
/// auditor. Each transition names who may fire it; anything else is an error, never a silent no-op.
/// </summary>
public static class FindingLifecycle
{
    private static readonly Dictionary<(FindingStatus, FindingTrigger), (FindingStatus To, WorkflowActor[] Allowed)> Transitions = new()
    {
        [(FindingStatus.Open, FindingTrigger.Propose)] = (FindingStatus.ActionProposed, [WorkflowActor.CompanyMember]),
        [(FindingStatus.ActionProposed, FindingTrigger.Close)] = (FindingStatus.Closed, [WorkflowActor.Auditor]),
        [(FindingStatus.ActionProposed, FindingTrigger.Reopen)] = (FindingStatus.Open, [WorkflowActor.Auditor]),
        [(FindingStatus.Closed, FindingTrigger.Reopen)] = (FindingStatus.Open, [WorkflowActor.Auditor]),
    };

    /// <summary>
    /// The status of a verdict as the auditor records it: a non-conformity (minor, major, critical) opens a finding the
    /// company must answer; a conformity or an observation asks nothing of it and is closed from the start.
    /// </summary>
    public static FindingStatus Recorded(FindingSeverity severity) => Findings.IsNonConformity(severity) ? FindingStatus.Open : FindingStatus.Closed;

    /// <summary>The due date a verdict keeps: only a non-conformity has one.</summary>
    public static DateOnly? DueOn(FindingSeverity severity, DateOnly? requested) => Findings.IsNonConformity(severity) ? requested : null;

    /// <summary>The company answers an open finding with a corrective action.</summary>
    public static FindingStatus Propose(FindingStatus from, WorkflowActor actor) => Fire(from, FindingTrigger.Propose, actor);

    /// <summary>The auditor accepts the proposed corrective action.</summary>
    public static FindingStatus Close(FindingStatus from, WorkflowActor actor) => Fire(from, FindingTrigger.Close, actor);

    /// <summary>The auditor refuses a proposed action, or reopens a closed finding.</summary>
    public static FindingStatus Reopen(FindingStatus from, WorkflowActor actor) => Fire(from, FindingTrigger.Reopen, actor);

    /// <summary>The status after the transition; throws <see cref="InvalidFindingTransitionException"/> when it is not allowed.</summary>
    public static FindingStatus Fire(FindingStatus from, FindingTrigger trigger, WorkflowActor actor)
    {
        if (!Transitions.TryGetValue((from, trigger), out var transition))
        {
            throw new InvalidFindingTransitionException(from, trigger, actor, $"no {trigger} transition leaves {from}");
        }

        if (!transition.Allowed.Contains(actor))
        {
            throw new InvalidFindingTransitionException(from, trigger, actor, $"only {string.Join(" or ", transition.Allowed)} may do this");
        }

        return transition.To;
    }

    public static bool CanFire(FindingStatus from, FindingTrigger trigger, WorkflowActor actor) =>
        Transitions.TryGetValue((from, trigger), out var transition) && transition.Allowed.Contains(actor);
}
