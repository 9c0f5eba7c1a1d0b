namespace Certify.Domain.Risk;

/// <summary>
/// Draws companies for follow-up visits with probability proportional to their score, never zero: every weight is at
/// least <see cref="MinWeight"/>, so a company with score 0 weighs as much as one with score 5 and can always be
/// drawn. Weighted sampling without replacement by Efraimidis–Spirakis keys (u^(1/w), the largest keys win) with
/// <see cref="SplitMix64"/> numbers, so the same candidates in the same order with the same seed give the same draw on
/// any machine and any .NET version.
/// </summary>
public static class RiskSampler
{
    public const int MinWeight = 5;
    public const int MaxSample = 500;

    public static int Weight(int score) => Math.Max(score, MinWeight);

    /// <summary>Indexes into <paramref name="scores"/> of the companies drawn, most favoured key first.</summary>
    public static IReadOnlyList<int> Draw(IReadOnlyList<int> scores, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new SplitMix64(seed);
        var keys = new double[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            keys[i] = Math.Log(random.NextUnit()) / Weight(scores[i]);
        }

        return Enumerable.Range(0, scores.Count).OrderByDescending(i => keys[i]).ThenBy(i => i).Take(count).ToList();
    }
}

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fully specified pseudo-random generator, so a recorded seed replays
/// the same numbers everywhere (System.Random's seeded sequence is not promised across .NET versions).
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in (0, 1]: never 0, so its logarithm is finite.</summary>
    public double NextUnit() => ((Next() >> 11) + 1) * (1.0 / (1UL << 53));
}
