using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Programs;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using Certify.Domain.Scoring;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Reviews;

/// <summary>
/// The auditor's side of a submission: open it, record verdicts, request changes, approve or reject, and close or
/// reopen findings; plus the company's corrective action on a finding. Every method first resolves the assessment's
/// certifying body and answers NotFound unless the user is the assigned, active auditor of the current submission
/// (or, for approve and reject, an active program admin of that body). Assessment transitions go through
/// <see cref="Assessment.Fire"/>, whose version token turns a concurrent change into a Conflict.
/// </summary>
public sealed class ReviewService(
    IDbContextFactory<CertifyDbContext> dbFactory,
    TenantAccess access,
    QuestionnaireRegistry registry,
    TimeProvider clock)
{
    public const int MaxTextLength = 2000;
    public const int MaxActionLength = 4000;


    private static readonly AssessmentState[] CompanySeesFindingsStates = [AssessmentState.ChangesRequested, AssessmentState.Approved, AssessmentState.Issued];

    /// <summary>Starts the review when the submission is waiting, and returns the auditor's view of it.</summary>
    public async Task<OpenReviewResult> OpenAsync(int assessmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ResolveAsync(db, assessmentId, user, allowProgramAdmin: false, ct) is not { } context)
        {
            return new OpenReviewResult(ReviewOutcome.NotFound);
        }

        var assessment = context.Assessment;
        if (assessment.State == AssessmentState.Submitted)
        {
            var from = assessment.State;
            assessment.Fire(AssessmentTrigger.StartReview, context.Actor);
            db.AuditEvents.Add(Audit(user, "assessment.review-started", assessment, new { From = from, To = assessment.State, context.Review.SubmissionNumber }));
            if (!await TrySaveAsync(db, ct))
            {
                return new OpenReviewResult(ReviewOutcome.Conflict);
            }
        }

        var definition = registry.ForVersion(assessment.QuestionnaireVersionId);
        var answers = await db.Answers.AsNoTracking().Where(a => a.AssessmentId == assessmentId).ToListAsync(ct);
        var evidence = await db.EvidenceFiles.AsNoTracking().Where(e => e.AssessmentId == assessmentId).OrderBy(e => e.Id)
            .Select(e => new EvidenceItem(e.Id, e.QuestionCode, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedAt))
            .ToListAsync(ct);
        var findings = await CurrentFindingsAsync(db, assessmentId, ct);
        var unlocked = await db.UnlockedQuestions.AsNoTracking().Where(u => u.AssessmentId == assessmentId).OrderBy(u => u.QuestionCode)
            .Select(u => new UnlockedQuestionView(u.QuestionCode, u.Comment)).ToListAsync(ct);
        var sheet = new AnswerSheet(
            answers.Where(a => a.ValueJson != null).ToDictionary(a => a.QuestionCode, a => AnswerJson.Deserialize(a.ValueJson)!),
            evidence.GroupBy(e => e.QuestionCode).ToDictionary(g => g.Key, g => g.Count()));
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == assessment.CompanyId)
            .Select(c => c.TradeName ?? c.LegalName).SingleAsync(ct);
        return new OpenReviewResult(ReviewOutcome.Done, new ReviewView(
            assessmentId,
            context.Review.Id,
            context.Review.SubmissionNumber,
            company,
            assessment.Program!.Code,
            assessment.State,
            definition,
            answers.ToDictionary(a => a.QuestionCode, a => new SavedAnswer(a.QuestionCode, AnswerJson.Deserialize(a.ValueJson), a.Comment, a.Version, a.UpdatedAt, a.UpdatedByName)),
            evidence,
            findings.Select(ToView).ToList(),
            unlocked,
            Score(definition, sheet, findings)));
    }

    /// <summary>
    /// Records or replaces the verdict on one question of the current submission. Non-conformities open a finding
    /// and need a due date; conformities and observations are closed at once.
    /// </summary>
    public async Task<ReviewResult> RecordVerdictAsync(
        int assessmentId, string questionCode, FindingSeverity severity, string? comment, string? privateNote, DateOnly? dueOn,
        ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ResolveAsync(db, assessmentId, user, allowProgramAdmin: false, ct) is not { } context)
        {
            return ReviewResult.NotFound;
        }

        var assessment = context.Assessment;
        if (assessment.State != AssessmentState.InReview)
        {
            return ReviewResult.NotAllowed("not-in-review");
        }

        if (registry.ForVersion(assessment.QuestionnaireVersionId).FindQuestion(questionCode) is null)
        {
            return ReviewResult.Invalid("unknown question");
        }

        if (!Enum.IsDefined(severity))
        {
            return ReviewResult.Invalid("unknown severity");
        }

        if (comment is { Length: > MaxTextLength } || privateNote is { Length: > MaxTextLength })
        {
            return ReviewResult.Invalid("text too long");
        }

        var nonConformity = Findings.IsNonConformity(severity);
        if (Findings.RequiresDueDate(severity) && dueOn is null)
        {
            return ReviewResult.Invalid("due date required");
        }

        var now = clock.GetUtcNow();
        var finding = await db.Findings.SingleOrDefaultAsync(f => f.ReviewId == context.Review.Id && f.QuestionCode == questionCode, ct);
        if (finding is null)
        {
            finding = new Finding
            {
                ReviewId = context.Review.Id,
                AssessmentId = assessmentId,
                QuestionCode = questionCode,
                Comment = "",
                CreatedAt = now,
                UpdatedByUserId = "",
            };
            db.Findings.Add(finding);
        }

        finding.Severity = severity;
        finding.Comment = comment?.Trim() ?? "";
        finding.PrivateNote = string.IsNullOrWhiteSpace(privateNote) ? null : privateNote.Trim();
        finding.DueOn = nonConformity ? dueOn : null;
        finding.Status = nonConformity ? FindingStatus.Open : FindingStatus.Closed;
        finding.UpdatedAt = now;
        finding.UpdatedByUserId = context.UserId;

        // A new version makes a concurrent approval that read the old verdicts fail instead of approving past them.
        assessment.Version = Guid.NewGuid();
        db.AuditEvents.Add(Audit(user, "finding.recorded", assessment, new { questionCode, Severity = severity, DueOn = finding.DueOn }));
        return await TrySaveAsync(db, ct) ? ReviewResult.Done : ReviewResult.Conflict;
    }

    /// <summary>Sends the submission back to the company with only <paramref name="items"/> unlocked for editing.</summary>
    public async Task<ReviewResult> RequestChangesAsync(
        int assessmentId, IReadOnlyList<(string Code, string Comment)> items, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ResolveAsync(db, assessmentId, user, allowProgramAdmin: false, ct) is not { } context)
        {
            return ReviewResult.NotFound;
        }

        var assessment = context.Assessment;
        if (!AssessmentWorkflow.CanFire(assessment.State, AssessmentTrigger.RequestChanges, context.Actor))
        {
            return ReviewResult.NotAllowed("not-in-review");
        }

        if (items.Count == 0)
        {
            return ReviewResult.Invalid("at least one question");
        }

        var definition = registry.ForVersion(assessment.QuestionnaireVersionId);
        if (items.Any(i => definition.FindQuestion(i.Code) is null))
        {
            return ReviewResult.Invalid("unknown question");
        }

        if (items.Any(i => string.IsNullOrWhiteSpace(i.Comment) || i.Comment.Length > MaxTextLength))
        {
            return ReviewResult.Invalid("comment required");
        }

        if (items.Select(i => i.Code).Distinct(StringComparer.Ordinal).Count() != items.Count)
        {
            return ReviewResult.Invalid("duplicate question");
        }

        var now = clock.GetUtcNow();
        db.UnlockedQuestions.RemoveRange(await db.UnlockedQuestions.Where(u => u.AssessmentId == assessmentId).ToListAsync(ct));
        db.UnlockedQuestions.AddRange(items.Select(i => new UnlockedQuestion
        {
            AssessmentId = assessmentId,
            QuestionCode = i.Code,
            Comment = i.Comment.Trim(),
            CreatedAt = now,
        }));
        var from = assessment.State;
        assessment.Fire(AssessmentTrigger.RequestChanges, context.Actor);
        db.AuditEvents.Add(Audit(user, "assessment.changes-requested", assessment,
            new { From = from, To = assessment.State, Questions = items.Select(i => i.Code).ToList() }));
        return await TrySaveAsync(db, ct) ? ReviewResult.Done : ReviewResult.Conflict;
    }

    /// <summary>
    /// Approves the submission unless a critical finding is still open (Blocked with
    /// <see cref="ApprovalReasonCodes.OpenCriticalFinding"/>). The level from the auditor's score is recorded in the
    /// audit trail.
    /// </summary>
    public async Task<ReviewResult> ApproveAsync(int assessmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ResolveAsync(db, assessmentId, user, allowProgramAdmin: true, ct) is not { } context)
        {
            return ReviewResult.NotFound;
        }

        var assessment = context.Assessment;
        if (!AssessmentWorkflow.CanFire(assessment.State, AssessmentTrigger.Approve, context.Actor))
        {
            return ReviewResult.NotAllowed("not-in-review");
        }

        var findings = await CurrentFindingsAsync(db, assessmentId, ct);
        var check = ApprovalGate.Check(findings.Select(f => (f.Severity, f.Status)));
        if (!check.Allowed)
        {
            return new ReviewResult(ReviewOutcome.Blocked, check.ReasonCode);
        }

        var definition = registry.ForVersion(assessment.QuestionnaireVersionId);
        var answers = await db.Answers.AsNoTracking().Where(a => a.AssessmentId == assessmentId && a.ValueJson != null)
            .Select(a => new { a.QuestionCode, a.ValueJson }).ToListAsync(ct);
        var evidence = await db.EvidenceFiles.AsNoTracking().Where(e => e.AssessmentId == assessmentId)
            .GroupBy(e => e.QuestionCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var sheet = new AnswerSheet(
            answers.ToDictionary(a => a.QuestionCode, a => AnswerJson.Deserialize(a.ValueJson)!),
            evidence.ToDictionary(e => e.Key, e => e.Count));
        var score = Score(definition, sheet, findings);
        var level = Levels.Determine(registry.Program(assessment.ProgramId), score);
        var plan = CorrectivePlan.From(findings.Select(f => new FindingSummary(f.QuestionCode, f.Severity, f.Status, f.DueOn)));

        var from = assessment.State;
        assessment.Fire(AssessmentTrigger.Approve, context.Actor);
        context.Review.DecidedAt = clock.GetUtcNow();
        context.Review.DecidedByUserId = context.UserId;
        db.AuditEvents.Add(Audit(user, "assessment.approved", assessment, new
        {
            From = from,
            To = assessment.State,
            context.Review.SubmissionNumber,
            AuditorScore = score.Overall,
            Level = level.Level?.Code,
            LevelGranted = level.Granted,
            LevelReason = level.ReasonCode,
            CorrectiveActions = plan.Count,
        }));
        return await TrySaveAsync(db, ct) ? ReviewResult.Done : ReviewResult.Conflict;
    }

    /// <summary>Rejects the submission; the reason is mandatory because the company is shown it.</summary>
    public async Task<ReviewResult> RejectAsync(int assessmentId, string? reason, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ResolveAsync(db, assessmentId, user, allowProgramAdmin: true, ct) is not { } context)
        {
            return ReviewResult.NotFound;
        }

        var assessment = context.Assessment;
        if (!AssessmentWorkflow.CanFire(assessment.State, AssessmentTrigger.Reject, context.Actor))
        {
            return ReviewResult.NotAllowed("not-in-review");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxTextLength)
        {
            return ReviewResult.Invalid("reason required");
        }

        var from = assessment.State;
        assessment.Fire(AssessmentTrigger.Reject, context.Actor);
        context.Review.DecisionReason = reason.Trim();
        context.Review.DecidedAt = clock.GetUtcNow();
        context.Review.DecidedByUserId = context.UserId;
        db.AuditEvents.Add(Audit(user, "assessment.rejected", assessment, new { From = from, To = assessment.State, context.Review.SubmissionNumber }));
        return await TrySaveAsync(db, ct) ? ReviewResult.Done : ReviewResult.Conflict;
    }

    /// <summary>The auditor accepts the company's corrective action.</summary>
    public Task<ReviewResult> CloseFindingAsync(long findingId, ClaimsPrincipal user, CancellationToken ct) =>
        AuditorFindingTransitionAsync(findingId, FindingTrigger.Close, "finding.closed", user, ct);

    /// <summary>The auditor refuses a proposed action or reopens a closed finding.</summary>
    public Task<ReviewResult> ReopenFindingAsync(long findingId, ClaimsPrincipal user, CancellationToken ct) =>
        AuditorFindingTransitionAsync(findingId, FindingTrigger.Reopen, "finding.reopened", user, ct);

    /// <summary>
    /// A member of the assessed company answers an open finding with a corrective action. Findings are the
    /// company's to answer only once the auditor has handed the submission back or decided it.
    /// </summary>
    public async Task<ReviewResult> ProposeActionAsync(long findingId, string? actionText, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Findings.Where(f => f.Id == findingId)
            .Select(f => new { Finding = f, f.Review!.Assessment!.CompanyId, f.Review.Assessment.State })
            .SingleOrDefaultAsync(ct);
        if (row is null || !CompanySeesFindingsStates.Contains(row.State)
            || await access.CompanyRoleAsync(user, row.CompanyId, ct) is null || TenantAccess.UserId(user) is not { } userId)
        {
            return ReviewResult.NotFound;
        }

        if (string.IsNullOrWhiteSpace(actionText) || actionText.Length > MaxActionLength)
        {
            return ReviewResult.Invalid("action required");
        }

        var finding = row.Finding;
        if (!FindingLifecycle.CanFire(finding.Status, FindingTrigger.Propose, WorkflowActor.CompanyMember))
        {
            return ReviewResult.NotAllowed($"finding-{finding.Status}");
        }

        finding.Status = FindingLifecycle.Propose(finding.Status, WorkflowActor.CompanyMember);
        finding.CorrectiveAction = actionText.Trim();
        finding.UpdatedAt = clock.GetUtcNow();
        finding.UpdatedByUserId = userId;
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), "finding.action-proposed", nameof(Finding), findingId.ToString(),
            new { finding.AssessmentId, finding.QuestionCode }, companyId: row.CompanyId));
        await db.SaveChangesAsync(ct);
        return ReviewResult.Done;
    }

    private async Task<ReviewResult> AuditorFindingTransitionAsync(long findingId, FindingTrigger trigger, string action, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assessmentId = await db.Findings.Where(f => f.Id == findingId).Select(f => (int?)f.AssessmentId).SingleOrDefaultAsync(ct);
        if (assessmentId is null || await ResolveAsync(db, assessmentId.Value, user, allowProgramAdmin: false, ct) is not { } context)
        {
            return ReviewResult.NotFound;
        }

        var finding = await db.Findings.SingleAsync(f => f.Id == findingId, ct);
        if (!FindingLifecycle.CanFire(finding.Status, trigger, context.Actor))
        {
            return ReviewResult.NotAllowed($"finding-{finding.Status}");
        }

        var from = finding.Status;
        finding.Status = FindingLifecycle.Fire(finding.Status, trigger, context.Actor);
        finding.UpdatedAt = clock.GetUtcNow();
        finding.UpdatedByUserId = context.UserId;

        // Closing or reopening a critical finding changes what approval may do; order it against a concurrent approval.
        context.Assessment.Version = Guid.NewGuid();
        db.AuditEvents.Add(Audit(user, action, context.Assessment, new { findingId, finding.QuestionCode, From = from, To = finding.Status }));
        return await TrySaveAsync(db, ct) ? ReviewResult.Done : ReviewResult.Conflict;
    }

    private sealed record ReviewContext(Assessment Assessment, Review Review, string UserId, WorkflowActor Actor);

    /// <summary>
    /// The tracked assessment (with its program) and the review of its current submission, when the user may act on
    /// it: the assigned auditor while an active auditor of the program's body, or, when allowed, an active program
    /// admin of that body. Null otherwise, which callers report as NotFound.
    /// </summary>
    private async Task<ReviewContext?> ResolveAsync(CertifyDbContext db, int assessmentId, ClaimsPrincipal user, bool allowProgramAdmin, CancellationToken ct)
    {
        if (TenantAccess.UserId(user) is not { } userId)
        {
            return null;
        }

        var assessment = await db.Assessments.Include(a => a.Program).SingleOrDefaultAsync(a => a.Id == assessmentId, ct);
        if (assessment is null || assessment.SubmissionCount == 0)
        {
            return null;
        }

        var roles = await access.BodyRolesAsync(user, assessment.Program!.CertifyingBodyId, ct);
        if (roles.Count == 0)
        {
            return null;
        }

        var review = await db.Reviews.SingleOrDefaultAsync(r => r.AssessmentId == assessmentId && r.SubmissionNumber == assessment.SubmissionCount, ct);
        if (review is null)
        {
            return null;
        }

        if (roles.Contains(BodyRole.Auditor) && review.AuditorUserId == userId)
        {
            return new ReviewContext(assessment, review, userId, WorkflowActor.Auditor);
        }

        return allowProgramAdmin && roles.Contains(BodyRole.ProgramAdmin)
            ? new ReviewContext(assessment, review, userId, WorkflowActor.ProgramAdmin)
            : null;
    }

    /// <summary>
    /// The standing verdict per question: the one from the latest submission that judged it, so verdicts carry over a
    /// resubmission until the auditor judges the question again.
    /// </summary>
    private static async Task<List<Finding>> CurrentFindingsAsync(CertifyDbContext db, int assessmentId, CancellationToken ct)
    {
        var all = await db.Findings.AsNoTracking().Where(f => f.AssessmentId == assessmentId).ToListAsync(ct);
        return all.GroupBy(f => f.QuestionCode, StringComparer.Ordinal)
            .Select(g => g.MaxBy(f => f.ReviewId)!)
            .OrderBy(f => f.QuestionCode, StringComparer.Ordinal)
            .ToList();
    }

    private ScoreResult Score(QuestionnaireDefinition definition, AnswerSheet sheet, IEnumerable<Finding> findings) =>
        ReviewScoring.AuditorScore(
            definition,
            sheet,
            findings.ToDictionary(f => f.QuestionCode, f => f.Severity, StringComparer.Ordinal),
            BodyCalendar.Today(clock));

    private static FindingView ToView(Finding f) =>
        new(f.Id, f.QuestionCode, f.Severity, f.Comment, f.PrivateNote, f.DueOn, f.Status, f.CorrectiveAction, f.UpdatedAt);

    private AuditEvent Audit(ClaimsPrincipal user, string action, Assessment assessment, object details) =>
        AuditLog.Event(clock, AuditActor.From(user), action, nameof(Assessment), assessment.Id.ToString(), details,
            companyId: assessment.CompanyId, bodyId: assessment.Program!.CertifyingBodyId);

    private static async Task<bool> TrySaveAsync(CertifyDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
