using System.Security.Claims;
using Certify.Data;
using Certify.Domain.Assessments;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Reviews;

/// <summary>The queue's filters as they arrive in the query string; empty means no filter.</summary>
public sealed record QueueFilter(AssessmentState? State = null, bool OnlyOverdue = false, string? Search = null)
{
    public static readonly QueueFilter None = new();

    /// <summary>Reads <c>estado</c>, <c>vencidas=1</c> and <c>q</c>; an unknown state is ignored rather than refused.</summary>
    public static QueueFilter FromQuery(string? state, string? overdue, string? search) => new(
        Enum.TryParse<AssessmentState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null,
        overdue == "1",
        string.IsNullOrWhiteSpace(search) ? null : search.Trim());
}

/// <summary>One submission in a queue. <see cref="DueOn"/> is null while the submission has not been routed yet.</summary>
public sealed record QueueRow(
    int AssessmentId,
    string CompanyName,
    string ProgramCode,
    AssessmentState State,
    int Priority,
    DateOnly? DueOn,
    DateTimeOffset? SubmittedAt,
    string? AuditorName);

/// <summary>
/// A listing capped at <see cref="ReviewQueueService.MaxRows"/> rows; <see cref="Total"/> counts every match.
/// <see cref="Today"/> is the certifying body's calendar day, for the due badges.
/// </summary>
public sealed record QueueList(IReadOnlyList<QueueRow> Rows, int Total, DateOnly Today);

public sealed record ReviewQueue(string BodyName, bool IsProgramAdmin, QueueList Assigned, QueueList Unassigned);

public sealed record BodySubmissions(string BodyName, QueueList Submissions);

/// <summary>
/// Read-only listings of a certifying body's submissions: an auditor's review queue and the program admin's overview.
/// Filtering, sorting and counting happen in the database; only the rows shown are loaded.
/// </summary>
public sealed class ReviewQueueService(IDbContextFactory<CertifyDbContext> dbFactory, TenantAccess access, TimeProvider clock)
{
    public const int MaxRows = 200;


    private static readonly AssessmentState[] OpenStates = [AssessmentState.Submitted, AssessmentState.InReview, AssessmentState.ChangesRequested];

    public DateOnly Today => BodyCalendar.Today(clock);

    /// <summary>
    /// The open reviews assigned to the user and the body's unassigned ones; null when the user has no active role in
    /// the body.
    /// </summary>
    public async Task<ReviewQueue?> QueueAsync(int bodyId, ClaimsPrincipal user, QueueFilter filter, CancellationToken ct)
    {
        var roles = await access.BodyRolesAsync(user, bodyId, ct);
        if (roles.Count == 0 || TenantAccess.UserId(user) is not { } userId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bodyName = await db.CertifyingBodies.AsNoTracking().Where(b => b.Id == bodyId).Select(b => b.Name).SingleAsync(ct);
        var open = Filtered(Submissions(db, bodyId).Where(s => s.Routed && OpenStates.Contains(s.State)), filter);
        var today = Today;
        return new ReviewQueue(
            bodyName,
            roles.Contains(BodyRole.ProgramAdmin),
            await ListAsync(open.Where(s => s.AuditorUserId == userId), today, ct),
            await ListAsync(open.Where(s => s.AuditorUserId == null), today, ct));
    }

    /// <summary>Every submission of the body's programs, in any state; null unless the user is a program admin of the body.</summary>
    public async Task<BodySubmissions?> SubmissionsAsync(int bodyId, ClaimsPrincipal user, QueueFilter filter, CancellationToken ct)
    {
        if (!(await access.BodyRolesAsync(user, bodyId, ct)).Contains(BodyRole.ProgramAdmin))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bodyName = await db.CertifyingBodies.AsNoTracking().Where(b => b.Id == bodyId).Select(b => b.Name).SingleAsync(ct);
        return new BodySubmissions(bodyName, await ListAsync(Filtered(Submissions(db, bodyId), filter), Today, ct));
    }

    /// <summary>How many of the body's submissions are open for review (current submissions only).</summary>
    public async Task<int> OpenCountAsync(int bodyId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Assessments.AsNoTracking()
            .CountAsync(a => a.Program!.CertifyingBodyId == bodyId && a.SubmissionCount > 0 && OpenStates.Contains(a.State), ct);
    }

    /// <summary>Each submitted assessment of the body with the review of its current submission, when routing made one.</summary>
    private static IQueryable<Submission> Submissions(CertifyDbContext db, int bodyId) =>
        from a in db.Assessments.AsNoTracking()
        where a.Program!.CertifyingBodyId == bodyId && a.SubmissionCount > 0
        join r in db.Reviews.AsNoTracking()
            on new { AssessmentId = a.Id, Number = a.SubmissionCount } equals new { r.AssessmentId, Number = r.SubmissionNumber } into reviews
        from r in reviews.DefaultIfEmpty()
        select new Submission
        {
            AssessmentId = a.Id,
            CompanyName = a.Company!.TradeName ?? a.Company.LegalName,
            LegalName = a.Company.LegalName,
            TradeName = a.Company.TradeName,
            ProgramCode = a.Program!.Code,
            State = a.State,
            SubmittedAt = a.SubmittedAt,
            Routed = r != null,
            Priority = r == null ? 0 : r.Priority,
            DueOn = r == null ? null : r.DueOn,
            AuditorUserId = r == null ? null : r.AuditorUserId,
            AuditorName = r == null ? null : r.Auditor!.DisplayName,
        };

    private IQueryable<Submission> Filtered(IQueryable<Submission> query, QueueFilter filter)
    {
        if (filter.State is { } state)
        {
            query = query.Where(s => s.State == state);
        }

        if (filter.OnlyOverdue)
        {
            var today = Today;
            query = query.Where(s => s.DueOn != null && s.DueOn < today && OpenStates.Contains(s.State));
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = $"%{EscapeLike(filter.Search.Trim())}%";
            query = query.Where(s => EF.Functions.Like(s.LegalName, pattern, "\\")
                || (s.TradeName != null && EF.Functions.Like(s.TradeName, pattern, "\\")));
        }

        return query;
    }

    private static async Task<QueueList> ListAsync(IQueryable<Submission> query, DateOnly today, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(s => s.Priority).ThenBy(s => s.DueOn == null).ThenBy(s => s.DueOn).ThenBy(s => s.AssessmentId)
            .Take(MaxRows)
            .Select(s => new QueueRow(s.AssessmentId, s.CompanyName, s.ProgramCode, s.State, s.Priority, s.DueOn, s.SubmittedAt, s.AuditorName))
            .ToListAsync(ct);
        return new QueueList(rows, total, today);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>A class, not a record, so EF can keep translating the query after this projection.</summary>
    private sealed class Submission
    {
        public int AssessmentId { get; init; }
        public string CompanyName { get; init; } = "";
        public string LegalName { get; init; } = "";
        public string? TradeName { get; init; }
        public string ProgramCode { get; init; } = "";
        public AssessmentState State { get; init; }
        public DateTimeOffset? SubmittedAt { get; init; }
        public bool Routed { get; init; }
        public int Priority { get; init; }
        public DateOnly? DueOn { get; init; }
        public string? AuditorUserId { get; init; }
        public string? AuditorName { get; init; }
    }
}
