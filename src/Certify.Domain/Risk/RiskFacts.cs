using Certify.Domain.Companies;

namespace Certify.Domain.Risk;

/// <summary>
/// What Certify knows about one company in one program at an instant T, as counts and dates: the database computes
/// these for every company of a body in one query (the web project's RiskFactsQuery), <see cref="RiskHistory"/>
/// computes them from a history held in memory by the same definitions, and <see cref="RiskFeatures"/> turns them
/// into the model's inputs. Everything counts only what was recorded before T, so a past review can be scored with
/// what was known when it started.
/// </summary>
public sealed record RiskFacts
{
    /// <summary>Critical questions answered non-compliant in the latest self-assessment submitted by T.</summary>
    public int CriticalFailures { get; init; }

    /// <summary>Findings of severity major or critical recorded before T and not closed by T.</summary>
    public int OpenMajorFindings { get; init; }

    /// <summary>Findings of severity major or critical recorded before T.</summary>
    public int PastMajorFindings { get; init; }

    /// <summary>Findings of severity minor or worse on a question that had one in an earlier review.</summary>
    public int RecurringFindings { get; init; }

    /// <summary>Findings of severity minor or worse, open at T, whose due day ended before T's day.</summary>
    public int OverdueActions { get; init; }

    /// <summary>The self-score of the latest review decided before T with an auditor score.</summary>
    public decimal? LastSelfScore { get; init; }

    /// <summary>The auditor's score of that review.</summary>
    public decimal? LastAuditorScore { get; init; }

    /// <summary>When the latest review decided before T was decided.</summary>
    public DateTimeOffset? LastDecidedAt { get; init; }

    /// <summary>Reviews started before T whose submission was followed by another one before T (changes requested).</summary>
    public int ChangesRequested { get; init; }

    /// <summary>Reviews decided before T that rejected the submission.</summary>
    public int Rejections { get; init; }

    /// <summary>The end of the latest distinctive issued before T; null when there is none.</summary>
    public DateTimeOffset? DistinctiveValidUntil { get; init; }

    /// <summary>When that distinctive was suspended (if it is).</summary>
    public DateTimeOffset? DistinctiveSuspendedAt { get; init; }

    /// <summary>When that distinctive was revoked (if it was).</summary>
    public DateTimeOffset? DistinctiveRevokedAt { get; init; }

    /// <summary>Worker concerns about the company received in the 90 days up to T's day.</summary>
    public int WorkerConcerns { get; init; }

    public int Workers { get; init; }

    public AutoPartsTier Tier { get; init; }
}
