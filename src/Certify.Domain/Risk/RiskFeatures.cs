using Certify.Domain.Companies;

namespace Certify.Domain.Risk;

/// <summary>Turns <see cref="RiskFacts"/> into the model's inputs, one value per <see cref="RiskFactor"/>.</summary>
public static class RiskFeatures
{
    public static readonly IReadOnlyList<RiskFactor> Factors = Enum.GetValues<RiskFactor>();

    public const int ExpiresSoonDays = 90;
    public const double MaxYearsSinceReview = 3;
    private const double DaysPerYear = 365.25;

    public static double[] From(RiskFacts facts, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var values = new double[Factors.Count];
        values[(int)RiskFactor.CriticalFailures] = facts.CriticalFailures;
        values[(int)RiskFactor.OpenMajorFindings] = facts.OpenMajorFindings;
        values[(int)RiskFactor.PastMajorFindings] = facts.PastMajorFindings;
        values[(int)RiskFactor.RecurringFindings] = facts.RecurringFindings;
        values[(int)RiskFactor.OverdueActions] = facts.OverdueActions;
        values[(int)RiskFactor.OverClaim] = (double)OverClaimPoints(facts) / 10.0;
        values[(int)RiskFactor.YearsSinceReview] = facts.LastDecidedAt is { } decided
            ? Math.Clamp((asOf - decided).TotalDays / DaysPerYear, 0, MaxYearsSinceReview)
            : MaxYearsSinceReview;
        values[(int)RiskFactor.ChangesRequested] = facts.ChangesRequested;
        values[(int)RiskFactor.Rejections] = facts.Rejections;
        var status = DistinctiveStatus(facts, asOf);
        values[(int)RiskFactor.DistinctiveLapsed] = status is RiskDistinctiveStatus.Suspended or RiskDistinctiveStatus.Revoked or RiskDistinctiveStatus.Expired ? 1 : 0;
        values[(int)RiskFactor.ExpiresSoon] = status == RiskDistinctiveStatus.Active && DaysToExpiry(facts, asOf) <= ExpiresSoonDays ? 1 : 0;
        values[(int)RiskFactor.WorkerConcerns] = facts.WorkerConcerns;
        values[(int)RiskFactor.Size] = (int)CompanySizes.FromWorkers(Math.Clamp(facts.Workers, CompanySizes.MinWorkers, CompanySizes.MaxWorkers));
        values[(int)RiskFactor.Tier] = (int)facts.Tier;
        return values;
    }

    /// <summary>Points the last self-score was above the auditor's (0 when not above or unknown).</summary>
    public static decimal OverClaimPoints(RiskFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts is { LastSelfScore: { } self, LastAuditorScore: { } auditor } && self > auditor ? self - auditor : 0m;
    }

    /// <summary>Whole days from <paramref name="asOf"/> to the end of the latest distinctive; null without one.</summary>
    public static int? DaysToExpiry(RiskFacts facts, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.DistinctiveValidUntil is { } until ? (int)Math.Floor((until - asOf).TotalDays) : null;
    }

    public static RiskDistinctiveStatus DistinctiveStatus(RiskFacts facts, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts switch
        {
            { DistinctiveValidUntil: null } => RiskDistinctiveStatus.None,
            { DistinctiveRevokedAt: { } revoked } when revoked <= asOf => RiskDistinctiveStatus.Revoked,
            { DistinctiveValidUntil: { } until } when until <= asOf => RiskDistinctiveStatus.Expired,
            { DistinctiveSuspendedAt: { } suspended } when suspended <= asOf => RiskDistinctiveStatus.Suspended,
            _ => RiskDistinctiveStatus.Active,
        };
    }
}

/// <summary>The latest distinctive's standing at an instant, as the model reads it.</summary>
public enum RiskDistinctiveStatus
{
    None,
    Active,
    Suspended,
    Revoked,
    Expired,
}
