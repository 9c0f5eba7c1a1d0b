using System.Globalization;
using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Concerns;
using Certify.Domain.Distinctives;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Notifications;
using Certify.Web.Features.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Concerns;

public sealed record QuestionChoice(string Code, string Text);

/// <summary>One question the body names, and what it asks the company about it.</summary>
public sealed record FollowUpItem(string? QuestionCode, string? Request);

/// <summary>Where a follow-up review stands, as the concern's page says it.</summary>
public enum FollowUpStage { WaitingForCompany, WaitingForReview, InReview, Closed }

public sealed record FollowUpQuestionView(string Code, string Text, string Request);

public sealed record FollowUpReviewView(
    long Id, int AssessmentId, DateOnly OpenedOn, DateOnly DueOn, FollowUpStage Stage, DateOnly? ClosedOn, IReadOnlyList<FollowUpQuestionView> Questions);

public enum FollowUpOutcome { Done, NotFound, NoQuestions, TextRequired, UnknownQuestion, DuplicateQuestion, DistinctiveNotCurrent, ReviewOpen, RenewalOpen, Conflict }

/// <summary>
/// The body's follow-up review after a concern, through the review workflow: the issued assessment behind the
/// concern's distinctive goes back to the company (Issued → changes requested) with only the named questions
/// unlocked and the body's own words on each; the company changes those answers or adds evidence and resubmits; the
/// submission is routed to the queue (to the concern's auditor when it has one) and reviewed like any other; its
/// approval closes the follow-up and returns the assessment to Issued without issuing anything. The distinctive keeps
/// its status throughout: suspending or revoking it is the body's separate decision. The company never learns of the
/// concern: nothing of it is copied into the questions, the notification or the audit row.
/// </summary>
public sealed class FollowUpReviewService(
    IDbContextFactory<CertifyDbContext> dbFactory,
    TenantAccess tenants,
    QuestionnaireRegistry questionnaires,
    Notifier notifier,
    TimeProvider clock)
{
    public const int DefaultDueDays = 15;
    public const int MaxRequestLength = 2000;

    /// <summary>How many questions the concern's form offers to name at once.</summary>
    public const int MaxQuestions = 3;

    /// <summary>The questions the body may name (those of the distinctive's assessment), in the questionnaire's order.</summary>
    public async Task<IReadOnlyList<QuestionChoice>> QuestionsAsync(long concernId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.Concerns.AsNoTracking().Where(c => c.Id == concernId)
            .Select(c => c.Distinctive!.Assessment!.QuestionnaireVersionId).SingleAsync(ct);
        var culture = CultureInfo.CurrentUICulture;
        return [.. questionnaires.ForVersion(version).Questions.Select(q => new QuestionChoice(q.Code, $"{q.Code} · {q.Text.Get(culture)}"))];
    }

    /// <summary>The follow-up reviews opened from a concern, for its page (the caller has checked the body's access).</summary>
    public async Task<IReadOnlyList<FollowUpReviewView>> OfConcernAsync(long concernId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.FollowUpReviews.AsNoTracking().Where(f => f.ConcernId == concernId).OrderBy(f => f.Id)
            .Select(f => new
            {
                f.Id, f.AssessmentId, f.SubmissionNumber, f.OpenedOn, f.DueOn, f.Assessment!.State, f.Assessment.SubmissionCount,
                f.Assessment.QuestionnaireVersionId,
                DecidedAt = db.Reviews.Where(r => r.AssessmentId == f.AssessmentId && r.SubmissionNumber >= f.SubmissionNumber && r.DecidedAt != null)
                    .OrderBy(r => r.SubmissionNumber).Select(r => r.DecidedAt).FirstOrDefault(),
                Questions = f.Questions.OrderBy(q => q.QuestionCode).Select(q => new { q.QuestionCode, q.Request }).ToList(),
            })
            .ToListAsync(ct);
        var culture = CultureInfo.CurrentUICulture;
        return [.. rows.Select(f =>
        {
            var definition = questionnaires.ForVersion(f.QuestionnaireVersionId);
            var stage = f.DecidedAt is not null ? FollowUpStage.Closed
                : f.State == AssessmentState.Submitted ? FollowUpStage.WaitingForReview
                : f.State == AssessmentState.InReview ? FollowUpStage.InReview
                : FollowUpStage.WaitingForCompany;
            return new FollowUpReviewView(
                f.Id, f.AssessmentId, f.OpenedOn, f.DueOn, stage,
                f.DecidedAt is { } decided ? DateOnly.FromDateTime(BodyCalendar.Local(decided).DateTime) : null,
                [.. f.Questions.Select(q => new FollowUpQuestionView(q.QuestionCode, definition.FindQuestion(q.QuestionCode)?.Text.Get(culture) ?? q.QuestionCode, q.Request))]);
        })];
    }

    /// <summary>
    /// A program admin, or the auditor the concern is assigned to, opens a follow-up review of the concern's
    /// distinctive on the named questions. Refused while the distinctive is revoked or expired, while its assessment
    /// is already in a follow-up review, and while the company is renewing it (its open renewal holds the program).
    /// Opening it starts the concern's review (which acknowledges it) when it had not started.
    /// </summary>
    public async Task<FollowUpOutcome> OpenAsync(int bodyId, long concernId, IReadOnlyList<FollowUpItem> items, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        var roles = await tenants.BodyRolesAsync(user, bodyId, ct);
        if (roles.Count == 0 || TenantAccess.UserId(user) is not { } userId)
        {
            return FollowUpOutcome.NotFound;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var concern = await db.Concerns
            .Where(c => c.Id == concernId && c.CertifyingBodyId == bodyId
                && (roles.Contains(BodyRole.ProgramAdmin) || c.AssignedAuditorId == userId))
            .Include(c => c.Distinctive)
            .SingleOrDefaultAsync(ct);
        if (concern is null)
        {
            return FollowUpOutcome.NotFound;
        }

        var named = items.Where(i => !string.IsNullOrWhiteSpace(i.QuestionCode) || !string.IsNullOrWhiteSpace(i.Request)).ToList();
        if (named.Count == 0)
        {
            return FollowUpOutcome.NoQuestions;
        }

        if (named.Any(i => string.IsNullOrWhiteSpace(i.Request)))
        {
            return FollowUpOutcome.TextRequired;
        }

        var assessment = await db.Assessments.Include(a => a.Program).SingleAsync(a => a.Id == concern.Distinctive!.AssessmentId, ct);
        var definition = questionnaires.ForVersion(assessment.QuestionnaireVersionId);
        if (named.Any(i => i.QuestionCode is null || definition.FindQuestion(i.QuestionCode) is null))
        {
            return FollowUpOutcome.UnknownQuestion;
        }

        if (named.Select(i => i.QuestionCode).Distinct(StringComparer.Ordinal).Count() != named.Count)
        {
            return FollowUpOutcome.DuplicateQuestion;
        }

        var distinctive = concern.Distinctive!;
        var now = clock.GetUtcNow();
        if (DistinctiveFacts.Status(distinctive.RevokedAt, distinctive.SuspendedAt, distinctive.ValidFrom, distinctive.ValidUntil, now)
            is DistinctiveStatus.Revoked or DistinctiveStatus.Expired)
        {
            return FollowUpOutcome.DistinctiveNotCurrent;
        }

        if (assessment.State != AssessmentState.Issued)
        {
            return FollowUpOutcome.ReviewOpen;
        }

        var slot = Assessment.SlotFor(assessment.CompanyId, assessment.ProgramId);
        if (await db.Assessments.AnyAsync(a => a.OpenSlot == slot, ct))
        {
            return FollowUpOutcome.RenewalOpen;
        }

        var isAdmin = roles.Contains(BodyRole.ProgramAdmin);
        var today = BodyCalendar.Today(clock);
        var questions = named.Select(i => new FollowUpQuestion { QuestionCode = i.QuestionCode!, Request = Clip(i.Request!.Trim()) }).ToList();
        var followUp = new FollowUpReview
        {
            ConcernId = concernId,
            AssessmentId = assessment.Id,
            SubmissionNumber = assessment.SubmissionCount + 1,
            AuditorUserId = concern.AssignedAuditorId ?? (isAdmin ? null : userId),
            OpenedOn = today,
            DueOn = today.AddDays(DefaultDueDays),
            OpenedByUserId = userId,
            Questions = questions,
        };
        db.FollowUpReviews.Add(followUp);
        db.UnlockedQuestions.RemoveRange(await db.UnlockedQuestions.Where(u => u.AssessmentId == assessment.Id).ToListAsync(ct));
        db.UnlockedQuestions.AddRange(questions.Select(q => new UnlockedQuestion
        {
            AssessmentId = assessment.Id, QuestionCode = q.QuestionCode, Comment = q.Request, CreatedAt = now,
        }));
        var from = assessment.State;
        assessment.Fire(AssessmentTrigger.RequestFollowUp, isAdmin ? WorkflowActor.ProgramAdmin : WorkflowActor.Auditor);

        if (ConcernWorkflow.CanApply(ConcernAction.StartReview, concern.State))
        {
            var dates = ConcernWorkflow.Apply(ConcernAction.StartReview, new ConcernDates(concern.State, concern.ReceivedOn, concern.AcknowledgedOn, concern.FeedbackOn), today);
            (concern.State, concern.AcknowledgedOn, concern.FeedbackOn) = (dates.State, dates.AcknowledgedOn, dates.FeedbackOn);
        }

        concern.Version = Guid.NewGuid();
        var codes = questions.Select(q => q.QuestionCode).ToList();
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.FollowUpReviewOpened, nameof(Assessment),
            assessment.Id.ToString(CultureInfo.InvariantCulture),
            new { From = from, To = assessment.State, distinctive.Number, Questions = codes, followUp.DueOn },
            companyId: assessment.CompanyId, bodyId: bodyId));
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.ConcernFollowUpOpened, nameof(Concern),
            concernId.ToString(CultureInfo.InvariantCulture), new { Concern = ConcernService.Label(concernId), distinctive.Number }, bodyId: bodyId));
        var emails = await notifier.StageAsync(db, NotificationKind.FollowUpRequested, await Notifier.CompanyMembersAsync(db, assessment.CompanyId, ct),
            AssessmentPaths.Questionnaire(assessment.CompanyId, assessment.Id), new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["number"] = distinctive.Number,
                ["program"] = assessment.Program!.Code,
                ["due"] = followUp.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            $"follow-up:{assessment.Id}:{followUp.SubmissionNumber}", ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The assessment, the concern or the open slot changed meanwhile (another follow-up, a renewal started).
            return FollowUpOutcome.Conflict;
        }

        notifier.Dispatch(emails);
        return FollowUpOutcome.Done;
    }

    private static string Clip(string text) => text.Length > MaxRequestLength ? text[..MaxRequestLength] : text;
}
