namespace Certify.Domain.Reviews;

public static class ApprovalGate
{
    private static readonly ApprovalCheck Allowed = new(true, null);
    private static readonly ApprovalCheck OpenCritical = new(false, ApprovalReasonCodes.OpenCriticalFinding);

    /// <summary>
    /// Approval is refused while any critical finding is not closed: a critical non-conformity makes the company not
    /// eligible whatever its score, and a proposed action counts only once the auditor has accepted it.
    /// </summary>
    public static ApprovalCheck Check(IEnumerable<(FindingSeverity Severity, FindingStatus Status)> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        foreach (var (severity, status) in findings)
        {
            if (severity == FindingSeverity.Critical && status != FindingStatus.Closed)
            {
                return OpenCritical;
            }
        }

        return Allowed;
    }
}
