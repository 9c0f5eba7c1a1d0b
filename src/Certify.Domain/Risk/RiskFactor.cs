namespace Certify.Domain.Risk;

/// <summary>
/// The inputs of the risk model, one number each per company and program at an instant (see <see cref="RiskFeatures"/>
/// for how each is derived from <see cref="RiskFacts"/>). The order is the order of the model's weights and never
/// changes within a model version: new factors go at the end.
/// </summary>
public enum RiskFactor
{
    /// <summary>Critical questions answered non-compliant in the latest submitted self-assessment.</summary>
    CriticalFailures,

    /// <summary>Major or critical non-conformities recorded by auditors and not closed.</summary>
    OpenMajorFindings,

    /// <summary>Major or critical non-conformities recorded by auditors, ever.</summary>
    PastMajorFindings,

    /// <summary>Non-conformities (minor or worse) on a question that already had one in an earlier review.</summary>
    RecurringFindings,

    /// <summary>Non-conformities (minor or worse) whose corrective-action due date has passed while still open.</summary>
    OverdueActions,

    /// <summary>How far the last self-score was above the auditor's score, in tens of points (0 when not above).</summary>
    OverClaim,

    /// <summary>Years since the last decided review, at most 3 (3 when never reviewed).</summary>
    YearsSinceReview,

    /// <summary>Submissions sent back with changes requested.</summary>
    ChangesRequested,

    /// <summary>Submissions rejected.</summary>
    Rejections,

    /// <summary>1 when the latest distinctive is suspended, revoked or expired.</summary>
    DistinctiveLapsed,

    /// <summary>1 when the distinctive is in force and ends within 90 days.</summary>
    ExpiresSoon,

    /// <summary>Worker concerns received about the company in the last 90 days.</summary>
    WorkerConcerns,

    /// <summary>Company size: 0 micro, 1 small, 2 medium, 3 large.</summary>
    Size,

    /// <summary>Place in the chain: 0 Tier 1, 1 Tier 2, 2 Tier 3.</summary>
    Tier,
}
