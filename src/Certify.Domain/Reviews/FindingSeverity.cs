namespace Certify.Domain.Reviews;

/// <summary>
/// The auditor's verdict on one question. Conformity and observation are not non-conformities; minor, major and
/// critical are, and need a corrective action with a due date.
/// </summary>
public enum FindingSeverity
{
    Conformity,
    Observation,
    Minor,
    Major,
    Critical,
}
