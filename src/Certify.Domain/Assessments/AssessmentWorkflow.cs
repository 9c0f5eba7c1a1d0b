namespace Certify.Domain.Assessments;

public enum AssessmentTrigger { Submit, StartReview, RequestChanges, Approve, Reject, Issue, RequestFollowUp }

/// <summary>Who fires a transition: the company's people, the certifying body's people, or the platform's jobs.</summary>
public enum WorkflowActor { CompanyMember, Auditor, ProgramAdmin, System }

public sealed class InvalidTransitionException(AssessmentState from, AssessmentTrigger trigger, WorkflowActor actor, string reason)
    : InvalidOperationException($"Cannot {trigger} an assessment in state {from} as {actor}: {reason}")
{
    public AssessmentState From { get; } = from;
    public AssessmentTrigger Trigger { get; } = trigger;
    public WorkflowActor Actor { get; } = actor;
}

/// <summary>
/// The assessment state machine: Draft → Submitted → InReview → (ChangesRequested → Submitted …) → Approved | Rejected;
/// Approved → Issued. A follow-up review reopens an issued assessment: Issued → ChangesRequested on the questions the
/// certifying body names, then the same rounds as any submission, and its approval returns it to Issued (the
/// distinctive stays the one already issued). Each transition names who may fire it; anything else is an error,
/// never a silent no-op.
/// </summary>
public static class AssessmentWorkflow
{
    private static readonly Dictionary<(AssessmentState, AssessmentTrigger), (AssessmentState To, WorkflowActor[] Allowed)> Transitions = new()
    {
        [(AssessmentState.Draft, AssessmentTrigger.Submit)] = (AssessmentState.Submitted, [WorkflowActor.CompanyMember]),
        [(AssessmentState.ChangesRequested, AssessmentTrigger.Submit)] = (AssessmentState.Submitted, [WorkflowActor.CompanyMember]),
        [(AssessmentState.Submitted, AssessmentTrigger.StartReview)] = (AssessmentState.InReview, [WorkflowActor.Auditor, WorkflowActor.System]),
        [(AssessmentState.InReview, AssessmentTrigger.RequestChanges)] = (AssessmentState.ChangesRequested, [WorkflowActor.Auditor]),
        [(AssessmentState.InReview, AssessmentTrigger.Approve)] = (AssessmentState.Approved, [WorkflowActor.Auditor, WorkflowActor.ProgramAdmin]),
        [(AssessmentState.InReview, AssessmentTrigger.Reject)] = (AssessmentState.Rejected, [WorkflowActor.Auditor, WorkflowActor.ProgramAdmin]),
        [(AssessmentState.Approved, AssessmentTrigger.Issue)] = (AssessmentState.Issued, [WorkflowActor.System]),
        [(AssessmentState.Issued, AssessmentTrigger.RequestFollowUp)] = (AssessmentState.ChangesRequested, [WorkflowActor.Auditor, WorkflowActor.ProgramAdmin]),
    };

    /// <summary>The state after the transition; throws <see cref="InvalidTransitionException"/> when it is not allowed.</summary>
    public static AssessmentState Fire(AssessmentState from, AssessmentTrigger trigger, WorkflowActor actor)
    {
        if (!Transitions.TryGetValue((from, trigger), out var transition))
        {
            throw new InvalidTransitionException(from, trigger, actor, $"no {trigger} transition leaves {from}");
        }

        if (!transition.Allowed.Contains(actor))
        {
            throw new InvalidTransitionException(from, trigger, actor, $"only {string.Join(" or ", transition.Allowed)} may do this");
        }

        return transition.To;
    }

    public static bool CanFire(AssessmentState from, AssessmentTrigger trigger, WorkflowActor actor) =>
        Transitions.TryGetValue((from, trigger), out var transition) && transition.Allowed.Contains(actor);

    /// <summary>
    /// How many times the assessment has been submitted after <paramref name="trigger"/>: each submission (the first
    /// and every resubmission after changes were requested) is a new round, numbered from 1; nothing else counts.
    /// </summary>
    public static int SubmissionCountAfter(AssessmentTrigger trigger, int count) => trigger == AssessmentTrigger.Submit ? count + 1 : count;

    /// <summary>Answers can change only while the company holds the pen.</summary>
    public static bool AnswersEditable(AssessmentState state) => state is AssessmentState.Draft or AssessmentState.ChangesRequested;

    /// <summary>Open assessments block starting another one for the same company and program.</summary>
    public static bool IsOpen(AssessmentState state) => state is not (AssessmentState.Approved or AssessmentState.Rejected or AssessmentState.Issued);
}
