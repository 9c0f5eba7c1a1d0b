namespace Certify.Domain.Reviews;

/// <summary>Where a finding stands in its closure; see <see cref="FindingLifecycle"/>.</summary>
public enum FindingStatus
{
    Open,
    ActionProposed,
    Closed,
}
