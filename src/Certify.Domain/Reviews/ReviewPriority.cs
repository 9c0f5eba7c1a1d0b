using Certify.Domain.Companies;

namespace Certify.Domain.Reviews;

/// <summary>
/// Orders the review queue; higher is more urgent. Priority = 100 per critical question answered non-compliant +
/// size points (large 30, medium 20, small 10, micro 5) + 2 per day waiting, at most 60. The weights are chosen so
/// that one critical item (100) outranks any size and wait together (at most 90): a critical non-compliance is the
/// strongest risk signal. Size stands for how many workers are affected. Waiting grows so that small companies are
/// not starved, and is capped so that waiting alone never outranks a critical item. Deterministic, and never
/// decreasing when any input grows.
/// </summary>
public static class ReviewPriority
{
    public const int PerCriticalItem = 100;
    public const int PerDayWaiting = 2;
    public const int MaxWaitingPoints = 60;

    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    /// <exception cref="OverflowException">The critical count is too large to rank (beyond any questionnaire).</exception>
    public static int Compute(int criticalNonCompliant, CompanySize size, int daysWaiting)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(criticalNonCompliant);
        ArgumentOutOfRangeException.ThrowIfNegative(daysWaiting);
        var waiting = (int)Math.Min((long)daysWaiting * PerDayWaiting, MaxWaitingPoints);
        return checked((criticalNonCompliant * PerCriticalItem) + SizePoints(size) + waiting);
    }

    public static int SizePoints(CompanySize size) => size switch
    {
        CompanySize.Micro => 5,
        CompanySize.Small => 10,
        CompanySize.Medium => 20,
        CompanySize.Large => 30,
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "Unknown company size."),
    };
}
