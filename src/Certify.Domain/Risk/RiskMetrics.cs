namespace Certify.Domain.Risk;

/// <summary>How well an ordering finds the reviews that turned up a major or critical non-conformity.</summary>
public static class RiskMetrics
{
    /// <summary>The share of the ranking the capture figure looks at: its top fifth.</summary>
    public const double TopShare = 0.2;

    /// <summary>
    /// Area under the ROC curve: the chance that a random positive is ranked above a random negative, ties counting
    /// half. 0.5 is random order. Null without at least one positive and one negative.
    /// </summary>
    public static double? Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> outcomes)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(outcomes);
        var positives = outcomes.Count(o => o);
        var negatives = outcomes.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        // Mann–Whitney: the positives' average ranks, ties sharing the mean rank of their group.
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToList();
        var rankSum = 0.0;
        var start = 0;
        while (start < order.Count)
        {
            var end = start;
            while (end + 1 < order.Count && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var meanRank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                rankSum += outcomes[order[k]] ? meanRank : 0;
            }

            start = end + 1;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// The share of all positives found in the top <paramref name="share"/> of the ranking, highest scores first.
    /// Where the cut falls inside a group of equal scores, the group counts in proportion (the expected value of
    /// breaking the tie at random), so an ordering with many ties is neither flattered nor punished. 0 without positives.
    /// </summary>
    public static double CaptureTop(IReadOnlyList<double> scores, IReadOnlyList<bool> outcomes, double share = TopShare)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(outcomes);
        var positives = outcomes.Count(o => o);
        if (positives == 0)
        {
            return 0;
        }

        var budget = share * scores.Count;
        var found = 0.0;
        foreach (var group in Enumerable.Range(0, scores.Count).GroupBy(i => scores[i]).OrderByDescending(g => g.Key))
        {
            if (budget <= 0)
            {
                break;
            }

            var members = group.ToList();
            var groupPositives = members.Count(i => outcomes[i]);
            var taken = Math.Min(budget, members.Count);
            found += groupPositives * (taken / members.Count);
            budget -= taken;
        }

        return found / positives;
    }
}
