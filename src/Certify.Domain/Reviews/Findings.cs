namespace Certify.Domain.Reviews;

public static class Findings
{
    /// <summary>Minor, major and critical verdicts are non-conformities; conformity and observation are not.</summary>
    public static bool IsNonConformity(FindingSeverity severity) =>
        severity is FindingSeverity.Minor or FindingSeverity.Major or FindingSeverity.Critical;

    /// <summary>A non-conformity must be corrected by a date; a conformity or an observation asks for nothing.</summary>
    public static bool RequiresDueDate(FindingSeverity severity) => IsNonConformity(severity);
}
