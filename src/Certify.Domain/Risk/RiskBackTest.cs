using Certify.Domain.Companies;

namespace Certify.Domain.Risk;

/// <summary>One decided review as the back-test sees it: when it started, what was known then, and its outcome.</summary>
public sealed record RiskObservation(DateTimeOffset At, IReadOnlyList<double> Features, bool MajorFinding);

/// <summary>
/// A back-test on a time split: the model is fitted on the reviews that started before <see cref="SplitAt"/> and ranks
/// the later ones; the queue's former priority and random order rank the same later reviews.
/// </summary>
public sealed record RiskBackTestResult(
    DateTimeOffset SplitAt, int Trained, int Held, int HeldPositives,
    double? ModelAuc, double ModelCapture, double? QueueAuc, double QueueCapture)
{
    /// <summary>What random order achieves on average: AUC one half, the top fifth catches a fifth.</summary>
    public const double RandomAuc = 0.5;

    public const double RandomCapture = RiskMetrics.TopShare;
}

public static class RiskBackTest
{
    /// <summary>The share of the reviews, oldest first, the back-test trains on.</summary>
    public const double TrainShare = 0.7;

    /// <summary>
    /// The review queue's priority before this model: 100 per critical item failed plus 5/10/20/30 points by size
    /// (days waiting are 0 when a review starts). The baseline the model has to beat.
    /// </summary>
    public static double QueueBaseline(IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var sizePoints = (CompanySize)(int)features[(int)RiskFactor.Size] switch
        {
            CompanySize.Micro => 5,
            CompanySize.Small => 10,
            CompanySize.Medium => 20,
            _ => 30,
        };
        return (100 * features[(int)RiskFactor.CriticalFailures]) + sizePoints;
    }

    /// <summary>
    /// Splits <paramref name="observations"/> by time at <see cref="TrainShare"/>, fits on the first part and scores
    /// the second. Null when either part lacks a positive or a negative outcome (nothing to learn or to measure).
    /// </summary>
    public static RiskBackTestResult? Run(IReadOnlyList<RiskObservation> observations, double penalty = LogisticFitter.DefaultPenalty)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var ordered = observations.OrderBy(o => o.At).ToList();
        var cut = (int)Math.Floor(ordered.Count * TrainShare);
        if (cut == 0 || cut == ordered.Count)
        {
            return null;
        }

        var training = ordered.Take(cut).ToList();
        var held = ordered.Skip(cut).ToList();
        if (training.All(o => o.MajorFinding) || training.All(o => !o.MajorFinding) || held.All(o => o.MajorFinding) || held.All(o => !o.MajorFinding))
        {
            return null;
        }

        var (intercept, weights) = LogisticFitter.Fit(training.Select(o => o.Features).ToList(), training.Select(o => o.MajorFinding).ToList(), penalty);
        var model = new RiskModel(0, RiskModelKind.Trained, intercept, weights);
        var outcomes = held.Select(o => o.MajorFinding).ToList();
        var modelScores = held.Select(o => model.LogOdds(o.Features)).ToList();
        var queueScores = held.Select(o => QueueBaseline(o.Features)).ToList();
        return new RiskBackTestResult(
            held[0].At, training.Count, held.Count, outcomes.Count(o => o),
            RiskMetrics.Auc(modelScores, outcomes), RiskMetrics.CaptureTop(modelScores, outcomes),
            RiskMetrics.Auc(queueScores, outcomes), RiskMetrics.CaptureTop(queueScores, outcomes));
    }
}
