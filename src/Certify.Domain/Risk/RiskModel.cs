namespace Certify.Domain.Risk;

public enum RiskModelKind
{
    /// <summary>Documented weights chosen by hand: the program has too little history to learn from.</summary>
    Expert,

    /// <summary>Weights fitted on the program's decided reviews.</summary>
    Trained,
}

/// <summary>The score's band: what the ranking shows first.</summary>
public enum RiskBand
{
    Low,
    Medium,
    High,
}

/// <summary>One factor's share of a company's score: its weight times the company's value, in log-odds.</summary>
public sealed record RiskContribution(RiskFactor Factor, double Value, double LogOdds);

/// <summary>
/// A logistic regression over <see cref="RiskFeatures"/>: the probability that the next review of the company finds a
/// major or critical non-conformity is 1 / (1 + e^−(intercept + Σ weight × value)). The score is that probability in
/// percent, rounded; every factor's contribution is its weight times its value, so the explanation adds up to the
/// score. <see cref="Version"/> numbers the models of one program.
/// </summary>
public sealed record RiskModel(int Version, RiskModelKind Kind, double Intercept, IReadOnlyList<double> Weights)
{
    public const int HighFrom = 50;
    public const int MediumFrom = 25;

    /// <summary>Decided reviews a program needs before its model is trained rather than expert.</summary>
    public const int MinTrainingReviews = 30;

    /// <summary>
    /// The expert weights, used while a program has fewer than <see cref="MinTrainingReviews"/> decided reviews.
    /// Each is the log-odds one unit of the factor adds; the README's table gives the reasoning.
    /// </summary>
    public static readonly IReadOnlyDictionary<RiskFactor, double> ExpertWeights = new Dictionary<RiskFactor, double>
    {
        [RiskFactor.CriticalFailures] = 0.6,
        [RiskFactor.OpenMajorFindings] = 0.5,
        [RiskFactor.PastMajorFindings] = 0.25,
        [RiskFactor.RecurringFindings] = 0.35,
        [RiskFactor.OverdueActions] = 0.3,
        [RiskFactor.OverClaim] = 0.5,
        [RiskFactor.YearsSinceReview] = 0.3,
        [RiskFactor.ChangesRequested] = 0.2,
        [RiskFactor.Rejections] = 0.5,
        [RiskFactor.DistinctiveLapsed] = 0.8,
        [RiskFactor.ExpiresSoon] = 0.3,
        [RiskFactor.WorkerConcerns] = 0.5,
        [RiskFactor.Size] = 0.1,
        [RiskFactor.Tier] = 0,
    };

    public const double ExpertIntercept = -2.0;

    public static RiskModel Expert(int version) =>
        new(version, RiskModelKind.Expert, ExpertIntercept, RiskFeatures.Factors.Select(f => ExpertWeights[f]).ToList());

    /// <summary>Weights by factor name, for storing; factors missing on reading weigh 0.</summary>
    public IReadOnlyDictionary<string, double> NamedWeights() =>
        RiskFeatures.Factors.ToDictionary(f => f.ToString(), f => Weights[(int)f]);

    public static RiskModel FromNamed(int version, RiskModelKind kind, double intercept, IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return new(version, kind, intercept, RiskFeatures.Factors.Select(f => weights.TryGetValue(f.ToString(), out var w) ? w : 0).ToList());
    }

    public double LogOdds(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sum = Intercept;
        for (var i = 0; i < Weights.Count; i++)
        {
            sum += Weights[i] * values[i];
        }

        return sum;
    }

    public double Probability(IReadOnlyList<double> values) => 1 / (1 + Math.Exp(-LogOdds(values)));

    /// <summary>0–100: the probability in percent, rounded.</summary>
    public int Score(IReadOnlyList<double> values) => (int)Math.Round(100 * Probability(values), MidpointRounding.AwayFromZero);

    public static RiskBand Band(int score) => score >= HighFrom ? RiskBand.High : score >= MediumFrom ? RiskBand.Medium : RiskBand.Low;

    /// <summary>The factors that raise this company's score, largest first.</summary>
    public IReadOnlyList<RiskContribution> Raising(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return RiskFeatures.Factors
            .Select(f => new RiskContribution(f, values[(int)f], Weights[(int)f] * values[(int)f]))
            .Where(c => c.LogOdds > 0)
            .OrderByDescending(c => c.LogOdds).ThenBy(c => c.Factor)
            .ToList();
    }
}
