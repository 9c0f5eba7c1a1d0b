using System.Globalization;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Reviews;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Notifications;
using Certify.Web.Features.Risk;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Reviews;

/// <summary>
/// Routes a submission to an auditor: creates its review with a priority and a due date, assigns the auditor and
/// notifies them (bell and e-mail). Safe to run any number of times, also side by side: the review is unique per
/// submission, the assignment only fills an empty auditor and the notification is claimed once (Review.EmailedAt)
/// with the message in the same transaction.
/// </summary>
public sealed class RouteSubmissionJob(
    IDbContextFactory<CertifyDbContext> dbFactory,
    Notifier notifier,
    TimeProvider clock,
    ILogger<RouteSubmissionJob> logger)
{
    private static readonly AssessmentState[] OpenStates = [AssessmentState.Submitted, AssessmentState.InReview, AssessmentState.ChangesRequested];

    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(int assessmentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assessment = await db.Assessments.AsNoTracking()
            .Include(a => a.Company).Include(a => a.Program)
            .SingleOrDefaultAsync(a => a.Id == assessmentId, ct);
        if (assessment is null || assessment.State != AssessmentState.Submitted || assessment.SubmissionCount == 0
            || assessment.SubmittedAt is not { } submittedAt)
        {
            return;
        }

        var review = await FindAsync(db, assessment, ct) ?? await CreateAsync(db, assessment, submittedAt, ct);
        if (review is null)
        {
            return;
        }

        if (review.AuditorUserId is null)
        {
            var auditor = await ChooseAsync(db, assessment, ct);
            if (auditor is null)
            {
                logger.LogWarning("No eligible auditor for submission {Submission} of assessment {AssessmentId}; it waits to be claimed",
                    review.SubmissionNumber, assessmentId);
                return;
            }

            var now = clock.GetUtcNow();
            await db.Reviews.Where(r => r.Id == review.Id && r.AuditorUserId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.AuditorUserId, auditor).SetProperty(r => r.AssignedAt, now), ct);

            // Whoever won the assignment, carry on with what is stored.
            review = await db.Reviews.AsNoTracking().SingleAsync(r => r.Id == review.Id, ct);
        }

        if (review.EmailedAt is null)
        {
            await NotifyAsync(db, assessment, review, ct);
        }
    }

    private static Task<Review?> FindAsync(CertifyDbContext db, Assessment assessment, CancellationToken ct) =>
        db.Reviews.AsNoTracking()
            .SingleOrDefaultAsync(r => r.AssessmentId == assessment.Id && r.SubmissionNumber == assessment.SubmissionCount, ct);

    /// <summary>Null when the submission's score snapshot is not recorded yet: the submission job routes it once it is.</summary>
    private async Task<Review?> CreateAsync(CertifyDbContext db, Assessment assessment, DateTimeOffset submittedAt, CancellationToken ct)
    {
        var recorded = await db.AssessmentSnapshots.AsNoTracking()
            .AnyAsync(s => s.AssessmentId == assessment.Id && s.SubmissionNumber == assessment.SubmissionCount, ct);
        if (!recorded)
        {
            logger.LogInformation("Submission {Submission} of assessment {AssessmentId} has no score snapshot yet; routing waits for it",
                assessment.SubmissionCount, assessment.Id);
            return null;
        }

        // The queue's priority is the company's risk score, so one number means one thing on the queue and the ranking.
        var now = clock.GetUtcNow();
        var models = await RiskModels.CurrentAsync(db, [assessment.ProgramId], ct);
        var risk = (await RiskModels.ScoreAsync(db, RiskFactsQuery.One(db, assessment.CompanyId, assessment.ProgramId, now), models, ct)).Single();
        var review = new Review
        {
            AssessmentId = assessment.Id,
            SubmissionNumber = assessment.SubmissionCount,
            Priority = risk.Score,
            PriorityModelVersion = risk.Model.Version,
            DueOn = Deadlines.ReviewDue(BodyCalendar.Local(submittedAt), assessment.Program!.ReviewDeadlineDays),
            CreatedAt = now,
        };
        db.Reviews.Add(review);
        try
        {
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            return review;
        }
        catch (DbUpdateException)
        {
            // Another run created it first; carry on from theirs.
            db.ChangeTracker.Clear();
            return await FindAsync(db, assessment, ct);
        }
    }

    /// <summary>
    /// The answer to a follow-up review goes to the auditor the follow-up named (the concern's auditor), and a
    /// resubmission returns to the auditor of the previous submission, while they are still an eligible auditor of
    /// the body; otherwise the least-loaded eligible auditor. Open reviews count each open assessment's current
    /// submission only, so a resubmitted assessment is not counted twice.
    /// </summary>
    private static async Task<string?> ChooseAsync(CertifyDbContext db, Assessment assessment, CancellationToken ct)
    {
        var companyMembers = (await db.CompanyMemberships.AsNoTracking().Where(m => m.CompanyId == assessment.CompanyId)
            .Select(m => m.UserId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var candidates = await db.BodyMemberships.AsNoTracking()
            .Where(m => m.CertifyingBodyId == assessment.Program!.CertifyingBodyId && m.Role == BodyRole.Auditor)
            .Select(m => new
            {
                m.UserId,
                m.Active,
                OpenReviews = db.Reviews.Count(r => r.AuditorUserId == m.UserId
                    && r.SubmissionNumber == r.Assessment!.SubmissionCount && OpenStates.Contains(r.Assessment.State)),
            })
            .ToListAsync(ct);

        var followUpAuditor = await db.FollowUpReviews.AsNoTracking()
            .Where(f => f.AssessmentId == assessment.Id && f.SubmissionNumber == assessment.SubmissionCount)
            .Select(f => f.AuditorUserId).FirstOrDefaultAsync(ct);
        if (followUpAuditor is not null && !companyMembers.Contains(followUpAuditor) && candidates.Any(c => c.UserId == followUpAuditor && c.Active))
        {
            return followUpAuditor;
        }

        var previous = await db.Reviews.AsNoTracking()
            .Where(r => r.AssessmentId == assessment.Id && r.SubmissionNumber < assessment.SubmissionCount && r.AuditorUserId != null)
            .OrderByDescending(r => r.SubmissionNumber).Select(r => r.AuditorUserId).FirstOrDefaultAsync(ct);
        if (previous is not null && !companyMembers.Contains(previous) && candidates.Any(c => c.UserId == previous && c.Active))
        {
            return previous;
        }

        return AuditorAssignment.Choose(candidates.Select(c => new AuditorCandidate(c.UserId, c.Active, c.OpenReviews)), companyMembers)?.UserId;
    }

    /// <summary>
    /// Claims the review's e-mail and stages the auditor's notification (bell + e-mail) in one transaction; an
    /// overlapping run claims nothing, and the dedupe key keeps a repeated claim from notifying twice.
    /// </summary>
    private async Task NotifyAsync(CertifyDbContext db, Assessment assessment, Review review, CancellationToken ct)
    {
        var program = assessment.Program!;
        var data = new Dictionary<string, string>
        {
            ["company"] = assessment.Company!.TradeName ?? assessment.Company.LegalName,
            ["program"] = program.Code,
            ["due"] = review.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

        var now = clock.GetUtcNow();
        await notifier.NotifyOnceAsync(
            db,
            c => db.Reviews.Where(r => r.Id == review.Id && r.EmailedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.EmailedAt, now), c),
            NotificationKind.ReviewAssigned, [review.AuditorUserId!], $"/organismos/{program.CertifyingBodyId}/revisiones", data,
            $"review-assigned:{review.Id}:{review.AuditorUserId}", ct);
    }
}
