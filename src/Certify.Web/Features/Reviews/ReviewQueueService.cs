using System.Globalization;
using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
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

/// <summary>
/// One submission in a queue. <see cref="DueOn"/> and <see cref="ReviewId"/> are null while the submission has not been
/// routed yet; <see cref="CanClaim"/> says whether the viewer may take this unassigned review.
/// </summary>
public sealed record QueueRow(
    int AssessmentId,
    long? ReviewId,
    int CompanyId,
    string CompanyName,
    string ProgramCode,
    AssessmentState State,
    int Priority,
    int? PriorityModel,
    DateOnly? DueOn,
    DateTimeOffset? SubmittedAt,
    string? AuditorName,
    bool CanClaim = false)
{
    /// <summary>Whether the review is still to be decided: a decided review has no deadline left to miss.</summary>
    public bool Open => ReviewQueueService.OpenStates.Contains(State);

    /// <summary>A follow-up review of an issued assessment (opened from a worker's concern) is under way.</summary>
    public bool FollowUp { get; init; }
}

/// <summary>
/// A listing capped at <see cref="ReviewQueueService.MaxRows"/> rows; <see cref="Total"/> counts every match.
/// <see cref="Today"/> is the certifying body's calendar day, for the due badges.
/// </summary>
public sealed record QueueList(IReadOnlyList<QueueRow> Rows, int Total, DateOnly Today);

public sealed record ReviewQueue(string BodyName, bool IsProgramAdmin, QueueList Assigned, QueueList Unassigned);

public sealed record BodySubmissions(string BodyName, QueueList Submissions);

public enum ClaimOutcome { Claimed, NotFound, AlreadyTaken, NotAllowed }

/// <summary><see cref="Reason"/> explains NotAllowed: <c>not-auditor</c>, <c>conflict</c> or <c>closed</c>.</summary>
public sealed record ClaimResult(ClaimOutcome Outcome, string? Reason = null);

/// <summary>
/// Listings of a certifying body's submissions (an auditor's review queue and the program admin's overview) and the
/// auditor's claim of an unassigned review. Filtering, sorting and counting happen in the database; only the rows
/// shown are loaded.
/// </summary>
public sealed class ReviewQueueService(IDbContextFactory<CertifyDbContext> dbFactory, TenantAccess access, TimeProvider clock)
{
    public const int MaxRows = 200;

    internal static readonly AssessmentState[] OpenStates = [AssessmentState.Submitted, AssessmentState.InReview, AssessmentState.ChangesRequested];

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
        var unassigned = await ListAsync(open.Where(s => s.AuditorUserId == null), today, ct);
        if (roles.Contains(BodyRole.Auditor))
        {
            // Same conflict rule as routing: never a review of a company the auditor belongs to.
            var ownCompanies = (await db.CompanyMemberships.AsNoTracking().Where(m => m.UserId == userId)
                .Select(m => m.CompanyId).ToListAsync(ct)).ToHashSet();
            unassigned = unassigned with
            {
                Rows = unassigned.Rows.Select(r => r with { CanClaim = r.ReviewId is not null && !ownCompanies.Contains(r.CompanyId) }).ToList(),
            };
        }

        return new ReviewQueue(
            bodyName,
            roles.Contains(BodyRole.ProgramAdmin),
            await ListAsync(open.Where(s => s.AuditorUserId == userId), today, ct),
            unassigned);
    }

    /// <summary>
    /// An active auditor of the review's body takes an unassigned review of an open, current submission, unless they
    /// belong to the company under review. The assignment is a conditional update, so of two auditors claiming at once
    /// exactly one wins. EmailedAt is set with it: nobody needs to be told of their own claim, and routing never
    /// e-mails later. NotFound for users with no role in the review's body.
    /// </summary>
    public async Task<ClaimResult> ClaimAsync(long reviewId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (TenantAccess.UserId(user) is not { } userId)
        {
            return new ClaimResult(ClaimOutcome.NotFound);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await db.Reviews.AsNoTracking().Where(r => r.Id == reviewId)
            .Select(r => new
            {
                r.AssessmentId,
                r.SubmissionNumber,
                r.AuditorUserId,
                Current = r.SubmissionNumber == r.Assessment!.SubmissionCount,
                r.Assessment.State,
                r.Assessment.CompanyId,
                BodyId = r.Assessment.Program!.CertifyingBodyId,
            })
            .SingleOrDefaultAsync(ct);
        if (review is null)
        {
            return new ClaimResult(ClaimOutcome.NotFound);
        }

        var roles = await access.BodyRolesAsync(user, review.BodyId, ct);
        if (roles.Count == 0)
        {
            return new ClaimResult(ClaimOutcome.NotFound);
        }

        if (!roles.Contains(BodyRole.Auditor))
        {
            return new ClaimResult(ClaimOutcome.NotAllowed, "not-auditor");
        }

        if (!review.Current || !OpenStates.Contains(review.State))
        {
            return new ClaimResult(ClaimOutcome.NotAllowed, "closed");
        }

        if (review.AuditorUserId is not null)
        {
            return new ClaimResult(ClaimOutcome.AlreadyTaken);
        }

        if (await db.CompanyMemberships.AnyAsync(m => m.CompanyId == review.CompanyId && m.UserId == userId, ct))
        {
            return new ClaimResult(ClaimOutcome.NotAllowed, "conflict");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var won = await db.Reviews.Where(r => r.Id == reviewId && r.AuditorUserId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.AuditorUserId, userId).SetProperty(r => r.AssignedAt, now)
                .SetProperty(r => r.EmailedAt, now), ct);
        if (won == 0)
        {
            return new ClaimResult(ClaimOutcome.AlreadyTaken);
        }

        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.ReviewClaimed, nameof(Review),
            reviewId.ToString(CultureInfo.InvariantCulture), new { review.AssessmentId, review.SubmissionNumber },
            companyId: review.CompanyId, bodyId: review.BodyId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ClaimResult(ClaimOutcome.Claimed);
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
            ReviewId = r == null ? null : r.Id,
            CompanyId = a.CompanyId,
            CompanyName = a.Company!.TradeName ?? a.Company.LegalName,
            LegalName = a.Company.LegalName,
            TradeName = a.Company.TradeName,
            ProgramCode = a.Program!.Code,
            State = a.State,
            SubmittedAt = a.SubmittedAt,
            Routed = r != null,
            Priority = r == null ? 0 : r.Priority,
            PriorityModel = r == null ? null : r.PriorityModelVersion,
            DueOn = r == null ? null : r.DueOn,
            AuditorUserId = r == null ? null : r.AuditorUserId,
            AuditorName = r == null ? null : r.Auditor!.DisplayName,
            FollowUp = a.State != AssessmentState.Issued && db.FollowUpReviews.Any(f => f.AssessmentId == a.Id),
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
            query = query.Where(s => EF.Functions.Like(DbText.Fold(s.LegalName), DbText.Fold(pattern), "\\")
                || (s.TradeName != null && EF.Functions.Like(DbText.Fold(s.TradeName), DbText.Fold(pattern), "\\")));
        }

        return query;
    }

    private static async Task<QueueList> ListAsync(IQueryable<Submission> query, DateOnly today, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(s => s.Priority).ThenBy(s => s.DueOn == null).ThenBy(s => s.DueOn).ThenBy(s => s.AssessmentId)
            .Take(MaxRows)
            .Select(s => new QueueRow(s.AssessmentId, s.ReviewId, s.CompanyId, s.CompanyName, s.ProgramCode, s.State, s.Priority, s.PriorityModel, s.DueOn, s.SubmittedAt, s.AuditorName)
            {
                FollowUp = s.FollowUp,
            })
            .ToListAsync(ct);
        return new QueueList(rows, total, today);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>A class, not a record, so EF can keep translating the query after this projection.</summary>
    private sealed class Submission
    {
        public int AssessmentId { get; init; }
        public long? ReviewId { get; init; }
        public int CompanyId { get; init; }
        public string CompanyName { get; init; } = "";
        public string LegalName { get; init; } = "";
        public string? TradeName { get; init; }
        public string ProgramCode { get; init; } = "";
        public AssessmentState State { get; init; }
        public DateTimeOffset? SubmittedAt { get; init; }
        public bool Routed { get; init; }
        public int Priority { get; init; }
        public int? PriorityModel { get; init; }
        public DateOnly? DueOn { get; init; }
        public string? AuditorUserId { get; init; }
        public string? AuditorName { get; init; }
        public bool FollowUp { get; init; }
    }
}
