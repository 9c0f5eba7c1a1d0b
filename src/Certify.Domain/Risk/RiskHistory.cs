using Certify.Domain.Companies;
using Certify.Domain.Reviews;

namespace Certify.Domain.Risk;

/// <summary>One submission of an assessment: its score snapshot and the review it got.</summary>
public sealed record HistorySubmission(
    int AssessmentId, int Number, DateTimeOffset SubmittedAt, int CriticalFailures, decimal? SelfScore,
    long ReviewId, DateTimeOffset ReviewStartedAt, DateTimeOffset? DecidedAt, decimal? AuditorScore, bool Rejected);

/// <summary>One finding of a review, with its current status and when it last changed.</summary>
public sealed record HistoryFinding(
    long ReviewId, string QuestionCode, FindingSeverity Severity, FindingStatus Status, DateTimeOffset RecordedAt, DateTimeOffset UpdatedAt, DateOnly? DueOn);

/// <summary>One distinctive of the company in the program.</summary>
public sealed record HistoryDistinctive(DateTimeOffset IssuedAt, DateTimeOffset ValidUntil, DateTimeOffset? SuspendedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// A company's history in one program, held in memory: the reference definition of <see cref="RiskFacts"/>. The
/// database computes the same facts for many companies at once; a test holds both to the same answer on the same
/// data, so this class is the specification the SQL follows.
/// </summary>
public sealed record RiskHistory(
    int Workers,
    AutoPartsTier Tier,
    IReadOnlyList<HistorySubmission> Submissions,
    IReadOnlyList<HistoryFinding> Findings,
    IReadOnlyList<HistoryDistinctive> Distinctives,
    IReadOnlyList<DateOnly> ConcernsReceived)
{
    public RiskFacts FactsAt(DateTimeOffset asOf)
    {
        var day = RiskClock.Day(asOf);
        var recorded = Findings.Where(f => f.RecordedAt < asOf).ToList();
        var openAtT = recorded.Where(f => !(f.Status == FindingStatus.Closed && f.UpdatedAt <= asOf)).ToList();
        var decided = Submissions.Where(s => s.DecidedAt < asOf).ToList();
        var lastScored = decided.Where(s => s.AuditorScore is not null).MaxBy(s => s.DecidedAt);
        var distinctive = Distinctives.Where(d => d.IssuedAt < asOf).MaxBy(d => d.IssuedAt);
        return new RiskFacts
        {
            CriticalFailures = Submissions.Where(s => s.SubmittedAt <= asOf).MaxBy(s => s.SubmittedAt)?.CriticalFailures ?? 0,
            OpenMajorFindings = openAtT.Count(f => f.Severity >= FindingSeverity.Major),
            PastMajorFindings = recorded.Count(f => f.Severity >= FindingSeverity.Major),
            RecurringFindings = recorded.Count(f => f.Severity >= FindingSeverity.Minor && Findings.Any(g =>
                g.Severity >= FindingSeverity.Minor && g.QuestionCode == f.QuestionCode && g.ReviewId != f.ReviewId && g.RecordedAt < f.RecordedAt)),
            OverdueActions = openAtT.Count(f => f.Severity >= FindingSeverity.Minor && f.DueOn is { } due && due.DayNumber < day),
            LastSelfScore = lastScored?.SelfScore,
            LastAuditorScore = lastScored?.AuditorScore,
            LastDecidedAt = decided.Count > 0 ? decided.Max(s => s.DecidedAt) : null,
            ChangesRequested = Submissions.Count(s => s.ReviewStartedAt < asOf && Submissions.Any(later =>
                later.AssessmentId == s.AssessmentId && later.Number > s.Number && later.ReviewStartedAt < asOf)),
            Rejections = decided.Count(s => s.Rejected),
            DistinctiveValidUntil = distinctive?.ValidUntil,
            DistinctiveSuspendedAt = distinctive?.SuspendedAt,
            DistinctiveRevokedAt = distinctive?.RevokedAt,
            WorkerConcerns = ConcernsReceived.Count(d => d.DayNumber <= day && d.DayNumber > day - RiskClock.ConcernWindowDays),
            Workers = Workers,
            Tier = Tier,
        };
    }
}
