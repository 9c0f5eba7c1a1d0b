using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Reviews;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Dashboards;

/// <summary>
/// The certifying body's dashboard, for its program admins and auditors (anyone else gets null, answered with 404).
/// Every figure is an aggregate computed by the database — counts, groupings, and percentiles by ordered offset —
/// so the cost does not grow with the rows loaded into memory.
/// </summary>
public sealed class BodyDashboardService(
    IDbContextFactory<CertifyDbContext> dbFactory,
    TenantAccess access,
    QuestionnaireRegistry registry,
    TimeProvider clock)
{
    private static readonly AssessmentState[] PipelineOrder =
    [
        AssessmentState.Draft, AssessmentState.Submitted, AssessmentState.InReview, AssessmentState.ChangesRequested,
        AssessmentState.Approved, AssessmentState.Issued, AssessmentState.Rejected,
    ];

    /// <summary>The body calendar's offset from UTC in milliseconds (Mexico City has kept UTC−6 all year since 2022).</summary>
    private static readonly long LocalOffsetMs = (long)BodyCalendar.Zone.BaseUtcOffset.TotalMilliseconds;

    public async Task<BodyDashboard?> GetAsync(int bodyId, DashboardFilter filter, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var roles = await access.BodyRolesAsync(user, bodyId, ct);
        if (roles.Count == 0)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bodyName = await db.CertifyingBodies.Where(b => b.Id == bodyId).Select(b => b.Name).SingleAsync(ct);
        var programs = (await db.Programs.AsNoTracking().Where(p => p.CertifyingBodyId == bodyId).OrderBy(p => p.Code)
                .Select(p => new { p.Id, p.Code, p.QuestionnaireVersionId }).ToListAsync(ct))
            .Select(p => (Program: new DashboardProgram(p.Id, p.Code, registry.Program(p.Id).Name), p.QuestionnaireVersionId))
            .ToList();
        if (programs.Count == 0)
        {
            return null;
        }

        var (program, versionId) = programs.FirstOrDefault(p => p.Program.Code == filter.Program) is { Program: not null } chosen ? chosen : programs[0];
        var definition = registry.ForVersion(versionId);
        var scope = Scope(db, program.Id, filter);
        var decided = scope.Where(a => a.State == AssessmentState.Approved || a.State == AssessmentState.Issued || a.State == AssessmentState.Rejected);
        var decidedCount = await decided.CountAsync(ct);

        // The verdicts that stand: those of each decided assessment's latest review.
        var nonConformities = db.Findings.AsNoTracking()
            .Where(f => decided.Any(a => a.Id == f.AssessmentId)
                && f.ReviewId == db.Reviews.Where(r => r.AssessmentId == f.AssessmentId).Max(r => r.Id)
                && (f.Severity == FindingSeverity.Minor || f.Severity == FindingSeverity.Major || f.Severity == FindingSeverity.Critical));

        var pipeline = await scope.GroupBy(a => a.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var topics = new List<TopicPassRate>();
        foreach (var section in definition.Sections)
        {
            var codes = section.Questions.Select(q => q.Code).ToList();
            var failed = await nonConformities
                .Where(f => (f.Severity == FindingSeverity.Major || f.Severity == FindingSeverity.Critical) && codes.Contains(f.QuestionCode))
                .Select(f => f.AssessmentId).Distinct().CountAsync(ct);
            topics.Add(new TopicPassRate(section.Code, section.Title, decidedCount, decidedCount - failed));
        }

        var top = await nonConformities.GroupBy(f => f.QuestionCode)
            .Select(g => new { Code = g.Key, Count = g.Select(f => f.AssessmentId).Distinct().Count() })
            .OrderByDescending(x => x.Count).ThenBy(x => x.Code).Take(10).ToListAsync(ct);

        var now = clock.GetUtcNow();
        var active = ActiveDistinctives(db, bodyId, program.Id, filter, now);
        var byStateAndLevel = await active.GroupBy(d => new { d.State, d.LevelCode })
            .Select(g => new { g.Key.State, g.Key.LevelCode, Count = g.Count() }).ToListAsync(ct);
        var expiring = active.Where(d => d.ValidUntil <= now.AddDays(BodyDashboard.ExpiringWindowDays));
        var today = BodyCalendar.Today(clock);
        var soon = await expiring.OrderBy(d => d.ValidUntil).ThenBy(d => d.Number).Take(BodyDashboard.ExpiringListed)
            .Select(d => new { d.Number, d.LegalName, d.LevelCode, d.ValidUntil }).ToListAsync(ct);

        return new BodyDashboard(
            bodyId,
            bodyName,
            programs.Select(p => p.Program).ToList(),
            program,
            filter with { Program = program.Code },
            roles.Contains(BodyRole.ProgramAdmin),
            PipelineOrder.Select(s => new PipelineStage(s, pipeline.FirstOrDefault(p => p.Key == s)?.Count ?? 0)).ToList(),
            await ReviewTimesAsync(db, scope, ct),
            topics,
            top.Select(q => new NonCompliantQuestion(q.Code, definition.FindQuestion(q.Code)?.Text ?? new(q.Code, q.Code), q.Count, decidedCount)).ToList(),
            byStateAndLevel.OrderBy(x => x.State).ThenBy(x => x.LevelCode).Select(x => new StateLevelCount(x.State, x.LevelCode, x.Count)).ToList(),
            soon.Select(d =>
            {
                var lastDay = DistinctiveFacts.LastDay(d.ValidUntil);
                return new ExpiringDistinctive(d.Number, d.LegalName, d.LevelCode, lastDay, lastDay.DayNumber - today.DayNumber);
            }).ToList(),
            await expiring.CountAsync(ct));
    }

    /// <summary>The program's assessments that match the filters: company state, and submitted (drafts: started) in the period.</summary>
    private static IQueryable<Assessment> Scope(CertifyDbContext db, int programId, DashboardFilter filter)
    {
        var scope = db.Assessments.AsNoTracking().Where(a => a.ProgramId == programId);
        if (filter.State is { } state)
        {
            scope = scope.Where(a => a.Company!.State == state);
        }

        if (filter.StartsAt is { } from)
        {
            scope = scope.Where(a => (a.SubmittedAt ?? a.CreatedAt) >= from);
        }

        if (filter.EndsBefore is { } before)
        {
            scope = scope.Where(a => (a.SubmittedAt ?? a.CreatedAt) < before);
        }

        return scope;
    }

    private static IQueryable<Distinctive> ActiveDistinctives(CertifyDbContext db, int bodyId, int programId, DashboardFilter filter, DateTimeOffset now)
    {
        var active = db.Distinctives.AsNoTracking().Where(d => d.CertifyingBodyId == bodyId && d.ProgramId == programId
            && d.RevokedAt == null && d.SuspendedAt == null && d.ValidFrom <= now && d.ValidUntil > now);
        return filter.State is { } state ? active.Where(d => d.State == state) : active;
    }

    /// <summary>
    /// Median and 90th percentile by nearest rank: the database orders the durations and returns the one at the rank,
    /// so only two values leave it. A review counts as on time when its local decision day is not after its due day.
    /// </summary>
    private static async Task<ReviewTimes> ReviewTimesAsync(CertifyDbContext db, IQueryable<Assessment> scope, CancellationToken ct)
    {
        var reviews = db.Reviews.AsNoTracking().Where(r => r.DecidedAt != null && scope.Any(a => a.Id == r.AssessmentId));
        var decided = await reviews.CountAsync(ct);
        if (decided == 0)
        {
            return new ReviewTimes(0, null, null, 0);
        }

        var durations = reviews.Select(r => DbTime.Milliseconds(r.DecidedAt!.Value) - DbTime.Milliseconds(r.CreatedAt)).OrderBy(ms => ms);
        var median = await durations.Skip(NearestRank(decided, 50)).FirstAsync(ct);
        var p90 = await durations.Skip(NearestRank(decided, 90)).FirstAsync(ct);
        var onTime = await reviews.CountAsync(
            r => (DbTime.Milliseconds(r.DecidedAt!.Value) + LocalOffsetMs) / DbTime.MillisecondsPerDay <= DbTime.DayNumber(r.DueOn), ct);
        return new ReviewTimes(decided, Days(median), Days(p90), onTime);
    }

    /// <summary>The zero-based index of the nearest-rank percentile among <paramref name="count"/> ordered values.</summary>
    internal static int NearestRank(int count, int percentile) => Math.Max(0, (int)Math.Ceiling(percentile / 100m * count) - 1);

    private static decimal Days(long milliseconds) => Math.Round((decimal)milliseconds / DbTime.MillisecondsPerDay, 1);
}
