using Certify.Data;
using Certify.Domain.Assessments;
using Certify.Domain.Reviews;
using Certify.Domain.Risk;

namespace Certify.Web.Features.Risk;

/// <summary>
/// A company in a program at an instant: the unit the model scores. <see cref="AsOfDay"/> is the body's day of
/// <see cref="AsOf"/> (<see cref="RiskClock.Day"/>); a training point also names its review and outcome.
/// </summary>
public sealed class RiskPoint
{
    public int CompanyId { get; init; }
    public int ProgramId { get; init; }
    public DateTimeOffset AsOf { get; init; }
    public long AsOfDay { get; init; }
    public long ReviewId { get; init; }
    public bool MajorFinding { get; init; }
}

/// <summary>A point with its facts, as the database computed them.</summary>
public sealed class RiskPointFacts
{
    public required RiskPoint Point { get; init; }
    public required RiskFacts Facts { get; init; }
}

/// <summary>
/// <see cref="RiskFacts"/> computed by the database for many points in one query: every fact is a correlated count
/// or a latest value over the company's rows in the program, restricted to what was recorded before the point's
/// instant — the definitions of the domain's <see cref="RiskHistory"/>, which a test holds this query to. Translates
/// on SQLite, PostgreSQL and SQL Server (the day arithmetic uses <see cref="DbTime"/>). Severities are stored as
/// names, so they are compared as sets, never with <c>&gt;=</c>.
/// </summary>
public static class RiskFactsQuery
{
    /// <summary>Every company with a submitted assessment in the body's programs (or one program), scored at <paramref name="asOf"/>.</summary>
    public static IQueryable<RiskPoint> Current(CertifyDbContext db, int bodyId, int? programId, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(db);
        var day = RiskClock.Day(asOf);
        return db.Assessments
            .Where(a => a.Program!.CertifyingBodyId == bodyId && a.SubmittedAt != null && (programId == null || a.ProgramId == programId))
            .Select(a => new { a.CompanyId, a.ProgramId })
            .Distinct()
            .Select(k => new RiskPoint { CompanyId = k.CompanyId, ProgramId = k.ProgramId, AsOf = asOf, AsOfDay = day });
    }

    /// <summary>One company in one program, scored at <paramref name="asOf"/>.</summary>
    public static IQueryable<RiskPoint> One(CertifyDbContext db, int companyId, int programId, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(db);
        var day = RiskClock.Day(asOf);
        return db.Companies.Where(c => c.Id == companyId)
            .Select(c => new RiskPoint { CompanyId = c.Id, ProgramId = programId, AsOf = asOf, AsOfDay = day });
    }

    /// <summary>
    /// Every decided review of the program as a training point: scored with what was known when the review was
    /// created, labelled with whether it recorded a major or critical non-conformity.
    /// </summary>
    public static IQueryable<RiskPoint> Training(CertifyDbContext db, int programId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Reviews
            .Where(r => r.Assessment!.ProgramId == programId && r.DecidedAt != null)
            .Select(r => new RiskPoint
            {
                CompanyId = r.Assessment!.CompanyId,
                ProgramId = programId,
                AsOf = r.CreatedAt,
                AsOfDay = (DbTime.Milliseconds(r.CreatedAt) + RiskClock.OffsetMilliseconds) / RiskClock.MillisecondsPerDay,
                ReviewId = r.Id,
                MajorFinding = db.Findings.Any(f => f.ReviewId == r.Id && (f.Severity == FindingSeverity.Major || f.Severity == FindingSeverity.Critical)),
            });
    }

    public static IQueryable<RiskPointFacts> Facts(CertifyDbContext db, IQueryable<RiskPoint> points)
    {
        ArgumentNullException.ThrowIfNull(db);
        var findings = from a in db.Assessments
                       join f in db.Findings on a.Id equals f.AssessmentId
                       select new { a.CompanyId, a.ProgramId, f.ReviewId, f.QuestionCode, f.Severity, f.Status, f.CreatedAt, f.UpdatedAt, f.DueOn };
        var reviews = from a in db.Assessments
                      join r in db.Reviews on a.Id equals r.AssessmentId
                      select new
                      {
                          a.CompanyId, a.ProgramId, r.AssessmentId, r.SubmissionNumber, r.CreatedAt, r.DecidedAt, r.AuditorScore,
                          Rejected = a.State == AssessmentState.Rejected && r.SubmissionNumber == a.SubmissionCount,
                      };
        return points.Select(p => new RiskPointFacts
        {
            Point = p,
            Facts = new RiskFacts
            {
                CriticalFailures = db.AssessmentSnapshots
                    .Where(s => s.Assessment!.CompanyId == p.CompanyId && s.Assessment.ProgramId == p.ProgramId && s.CreatedAt <= p.AsOf)
                    .OrderByDescending(s => s.CreatedAt).Select(s => s.CriticalFailureCount).FirstOrDefault(),
                OpenMajorFindings = findings.Count(f => f.CompanyId == p.CompanyId && f.ProgramId == p.ProgramId && f.CreatedAt < p.AsOf
                    && (f.Severity == FindingSeverity.Major || f.Severity == FindingSeverity.Critical) && !(f.Status == FindingStatus.Closed && f.UpdatedAt <= p.AsOf)),
                PastMajorFindings = findings.Count(f => f.CompanyId == p.CompanyId && f.ProgramId == p.ProgramId && f.CreatedAt < p.AsOf
                    && (f.Severity == FindingSeverity.Major || f.Severity == FindingSeverity.Critical)),
                RecurringFindings = findings.Count(f => f.CompanyId == p.CompanyId && f.ProgramId == p.ProgramId && f.CreatedAt < p.AsOf
                    && (f.Severity == FindingSeverity.Minor || f.Severity == FindingSeverity.Major || f.Severity == FindingSeverity.Critical)
                    && findings.Any(g => g.CompanyId == p.CompanyId && g.ProgramId == p.ProgramId && g.QuestionCode == f.QuestionCode
                        && g.ReviewId != f.ReviewId && (g.Severity == FindingSeverity.Minor || g.Severity == FindingSeverity.Major || g.Severity == FindingSeverity.Critical) && g.CreatedAt < f.CreatedAt)),
                OverdueActions = findings.Count(f => f.CompanyId == p.CompanyId && f.ProgramId == p.ProgramId && f.CreatedAt < p.AsOf
                    && (f.Severity == FindingSeverity.Minor || f.Severity == FindingSeverity.Major || f.Severity == FindingSeverity.Critical) && !(f.Status == FindingStatus.Closed && f.UpdatedAt <= p.AsOf)
                    && f.DueOn != null && DbTime.DayNumber(f.DueOn.Value) < p.AsOfDay),
                LastSelfScore = reviews
                    .Where(r => r.CompanyId == p.CompanyId && r.ProgramId == p.ProgramId && r.DecidedAt < p.AsOf && r.AuditorScore != null)
                    .OrderByDescending(r => r.DecidedAt)
                    .Select(r => db.AssessmentSnapshots.Where(s => s.AssessmentId == r.AssessmentId && s.SubmissionNumber == r.SubmissionNumber)
                        .Select(s => s.OverallScore).FirstOrDefault())
                    .FirstOrDefault(),
                LastAuditorScore = reviews
                    .Where(r => r.CompanyId == p.CompanyId && r.ProgramId == p.ProgramId && r.DecidedAt < p.AsOf && r.AuditorScore != null)
                    .OrderByDescending(r => r.DecidedAt).Select(r => r.AuditorScore).FirstOrDefault(),
                LastDecidedAt = reviews
                    .Where(r => r.CompanyId == p.CompanyId && r.ProgramId == p.ProgramId && r.DecidedAt < p.AsOf)
                    .Max(r => r.DecidedAt),
                ChangesRequested = reviews.Count(r => r.CompanyId == p.CompanyId && r.ProgramId == p.ProgramId && r.CreatedAt < p.AsOf
                    && db.Reviews.Any(l => l.AssessmentId == r.AssessmentId && l.SubmissionNumber > r.SubmissionNumber && l.CreatedAt < p.AsOf)),
                Rejections = reviews.Count(r => r.CompanyId == p.CompanyId && r.ProgramId == p.ProgramId && r.DecidedAt < p.AsOf && r.Rejected),
                DistinctiveValidUntil = db.Distinctives
                    .Where(d => d.CompanyId == p.CompanyId && d.ProgramId == p.ProgramId && d.IssuedAt < p.AsOf)
                    .OrderByDescending(d => d.IssuedAt).Select(d => (DateTimeOffset?)d.ValidUntil).FirstOrDefault(),
                DistinctiveSuspendedAt = db.Distinctives
                    .Where(d => d.CompanyId == p.CompanyId && d.ProgramId == p.ProgramId && d.IssuedAt < p.AsOf)
                    .OrderByDescending(d => d.IssuedAt).Select(d => d.SuspendedAt).FirstOrDefault(),
                DistinctiveRevokedAt = db.Distinctives
                    .Where(d => d.CompanyId == p.CompanyId && d.ProgramId == p.ProgramId && d.IssuedAt < p.AsOf)
                    .OrderByDescending(d => d.IssuedAt).Select(d => d.RevokedAt).FirstOrDefault(),
                WorkerConcerns = db.Concerns.Count(c => c.CompanyId == p.CompanyId && c.Distinctive!.ProgramId == p.ProgramId
                    && DbTime.DayNumber(c.ReceivedOn) <= p.AsOfDay && DbTime.DayNumber(c.ReceivedOn) > p.AsOfDay - RiskClock.ConcernWindowDays),
                Workers = db.Companies.Where(c => c.Id == p.CompanyId).Select(c => c.Workers).FirstOrDefault(),
                Tier = db.Companies.Where(c => c.Id == p.CompanyId).Select(c => c.Tier).FirstOrDefault(),
            },
        });
    }
}
