namespace Certify.Domain.Reviews;

public static class AuditorAssignment
{
    /// <summary>
    /// The auditor to route a submission to: active, not a member of the company under review (conflict of
    /// interest), with the fewest open reviews; ties go to the smaller user id by ordinal comparison so that running
    /// routing twice picks the same person. Null when nobody is eligible (the submission waits to be claimed).
    /// </summary>
    public static AuditorCandidate? Choose(IEnumerable<AuditorCandidate> candidates, IReadOnlySet<string> companyMemberUserIds)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(companyMemberUserIds);
        AuditorCandidate? best = null;
        foreach (var candidate in candidates)
        {
            ArgumentNullException.ThrowIfNull(candidate, nameof(candidates));
            if (!candidate.Active || companyMemberUserIds.Contains(candidate.UserId))
            {
                continue;
            }

            if (best is null
                || candidate.OpenReviews < best.OpenReviews
                || (candidate.OpenReviews == best.OpenReviews && string.CompareOrdinal(candidate.UserId, best.UserId) < 0))
            {
                best = candidate;
            }
        }

        return best;
    }
}
