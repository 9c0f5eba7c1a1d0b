namespace Certify.Domain.Reviews;

public static class CorrectivePlan
{
    /// <summary>
    /// The corrective-action plan at approval: every major and minor finding that is not closed, soonest due first
    /// (then major before minor, then by question code, so the order is stable). Critical findings are not in the
    /// plan because <see cref="ApprovalGate"/> refuses approval until they are closed; conformities and observations
    /// ask for no action.
    /// </summary>
    /// <exception cref="ArgumentException">A major or minor finding has no due date.</exception>
    public static IReadOnlyList<CorrectivePlanItem> From(IEnumerable<FindingSummary> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var items = new List<CorrectivePlanItem>();
        foreach (var finding in findings)
        {
            ArgumentNullException.ThrowIfNull(finding, nameof(findings));
            if (finding.Severity is not (FindingSeverity.Major or FindingSeverity.Minor) || finding.Status == FindingStatus.Closed)
            {
                continue;
            }

            if (finding.DueDate is not { } due)
            {
                throw new ArgumentException($"The {finding.Severity} finding on {finding.QuestionCode} has no due date.", nameof(findings));
            }

            items.Add(new CorrectivePlanItem(finding.QuestionCode, finding.Severity, finding.Status, due));
        }

        items.Sort(static (a, b) =>
        {
            var byDue = a.DueDate.CompareTo(b.DueDate);
            if (byDue != 0)
            {
                return byDue;
            }

            // Major sorts after Minor in the enum; the more serious one comes first.
            var bySeverity = b.Severity.CompareTo(a.Severity);
            return bySeverity != 0 ? bySeverity : string.CompareOrdinal(a.QuestionCode, b.QuestionCode);
        });
        return items;
    }
}
