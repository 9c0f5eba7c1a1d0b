using System.Globalization;
using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Programs;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using Certify.Domain.Scoring;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Distinctives;
using Certify.Web.Features.Notifications;
using Certify.Web.Features.Tenancy;
using Hangfire;
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
    Notifier notifier,
    IBackgroundJobClient jobs,
    TimeProvider clock)
{
    public const int MaxTextLength = 2000;
    public const int MaxActionLength = 4000;


    private static readonly AssessmentState[] CompanySeesFindingsStates = [AssessmentState.ChangesRequested, AssessmentState.Approved, AssessmentState.Issued];

    /// <summary>
    /// The review screen for the assigned auditor (opening it starts the review when the submission is waiting) or
    /// for a program admin of the body (read-only, to decide or confirm).
    /// </summary>
    public async Task<OpenReviewResult> OpenAsync(int assessmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ResolveAsync(db, assessmentId, user, allowProgramAdmin: true, ct) is not { } context)
        {
            return new OpenReviewResult(ReviewOutcome.NotFound);
        }

        var assessment = context.Assessment;
        if (assessment.State == AssessmentState.Submitted && context.Actor == WorkflowActor.Auditor)
        {
            var from = assessment.State;
            assessment.Fire(AssessmentTrigger.StartReview, context.Actor);
            db.AuditEvents.Add(Audit(user, AuditActions.AssessmentReviewStarted, assessment, new { From = from, To = assessment.State, context.Review.SubmissionNumber }));
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
            .Select(c => new { Name = c.TradeName ?? c.LegalName, c.Rfc }).SingleAsync(ct);
        var review = context.Review;
        PendingApproval? pending = null;
        if (review.ApprovalRequestedAt is { } requestedAt && review.ApprovalRequestedByUserId is { } requestedBy)
        {
            var name = await db.Users.AsNoTracking().Where(u => u.Id == requestedBy).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
            pending = new PendingApproval(requestedAt, requestedBy, name ?? "");
        }

        var auditorScore = Score(definition, sheet, findings);
        var program = assessment.Program!;
        return new OpenReviewResult(ReviewOutcome.Done, new ReviewView(
            assessmentId,
            review.Id,
            review.SubmissionNumber,
            assessment.CompanyId,
            company.Name,
            company.Rfc,
            program.CertifyingBodyId,
            program.Code,
            new LocalizedText(program.NameEs, program.NameEn),
            assessment.State,
            context.Actor,
            context.UserId,
            review.DueOn,
            assessment.SubmittedAt,
            definition,
            answers.ToDictionary(a => a.QuestionCode, a => new SavedAnswer(a.QuestionCode, AnswerJson.Deserialize(a.ValueJson), a.Comment, a.Version, a.UpdatedAt, a.UpdatedByName)),
            evidence,
            findings.Select(ToView).ToList(),
            unlocked,
            Scorer.Score(definition, sheet, BodyCalendar.Today(clock)),
            auditorScore,
            Levels.Determine(registry.Program(assessment.ProgramId), auditorScore),
            Gate(definition, sheet, findings),
            program.RequireApprovalConfirmation,
            pending,
            review.DecisionReason)
        {
            FollowUp = await FollowUpRounds.ForRoundAsync(db, assessmentId, review.SubmissionNumber, ct),
        });
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
        if (AuditorBlocked(context) is { } blocked)
        {
            return blocked;
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
            return ReviewResult.Invalid(ReasonCodes.TextTooLong);
        }

        if (Findings.RequiresDueDate(severity) && dueOn is null)
        {
            return ReviewResult.Invalid(ReasonCodes.DueDateRequired);
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
        finding.DueOn = FindingLifecycle.DueOn(severity, dueOn);
        finding.Status = FindingLifecycle.Recorded(severity);
        finding.UpdatedAt = now;
        finding.UpdatedByUserId = context.UserId;

        // A new version makes a concurrent approval that read the old verdicts fail instead of approving past them.
        assessment.Version = Guid.NewGuid();
        db.AuditEvents.Add(Audit(user, AuditActions.FindingRecorded, assessment, new { questionCode, Severity = severity, DueOn = finding.DueOn }));
        return await TrySaveAsync(db, ct) ? ReviewResult.Done : ReviewResult.Conflict;
    }

    /// <summary>
    /// The explicit bulk action "mark the remaining as conformity": records a conformity verdict on every applicable
    /// question of the current submission that has none yet, with ONE audit event that says so and how many. Invalid
    /// with <see cref="ReasonCodes.NothingToMark"/> when every applicable question is judged already.
    /// </summary>
    public async Task<ReviewResult> MarkRemainingConformityAsync(int assessmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ResolveAsync(db, assessmentId, user, allowProgramAdmin: false, ct) is not { } context)
        {
            return ReviewResult.NotFound;
        }

        if (AuditorBlocked(context) is { } blocked)
        {
            return blocked;
        }

        var assessment = context.Assessment;
        var definition = registry.ForVersion(assessment.QuestionnaireVersionId);
        var sheet = await AnswerSheets.LoadAsync(db, assessmentId, ct);
        var judged = await db.Findings.Where(f => f.AssessmentId == assessmentId).Select(f => f.QuestionCode).Distinct().ToListAsync(ct);
        var remaining = ApprovalGate.UnjudgedQuestions(definition, sheet, judged);
        if (remaining.Count == 0)
        {
            return ReviewResult.Invalid(ReasonCodes.NothingToMark);
        }

        var now = clock.GetUtcNow();
        db.Findings.AddRange(remaining.Select(code => new Finding
        {
            ReviewId = context.Review.Id,
            AssessmentId = assessmentId,
            QuestionCode = code,
            Severity = FindingSeverity.Conformity,
            Status = FindingStatus.Closed,
            Comment = "",
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedByUserId = context.UserId,
        }));

        // As for one verdict: a concurrent approval that read the old verdicts fails instead of approving past them.
        assessment.Version = Guid.NewGuid();
        db.AuditEvents.Add(Audit(user, AuditActions.ReviewRemainingMarkedConformity, assessment,
            new { context.Review.SubmissionNumber, Count = remaining.Count, Questions = remaining }));
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
        if (AuditorBlocked(context) is { } blocked)
        {
            return blocked;
        }

        if (items.Count == 0)
        {
            return ReviewResult.Invalid(ReasonCodes.NoQuestions);
        }

        var definition = registry.ForVersion(assessment.QuestionnaireVersionId);
        if (items.Any(i => definition.FindQuestion(i.Code) is null))
        {
            return ReviewResult.Invalid("unknown question");
        }

        if (items.Any(i => string.IsNullOrWhiteSpace(i.Comment) || i.Comment.Length > MaxTextLength))
        {
            return ReviewResult.Invalid(ReasonCodes.CommentRequired);
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
        db.AuditEvents.Add(Audit(user, AuditActions.AssessmentChangesRequested, assessment,
            new { From = from, To = assessment.State, Questions = items.Select(i => i.Code).ToList() }));
        var emails = await notifier.StageAsync(db, NotificationKind.ChangesRequested, await Notifier.CompanyMembersAsync(db, assessment.CompanyId, ct),
            AssessmentPaths.Questionnaire(assessment.CompanyId, assessmentId), await DataAsync(db, assessment, ct, ("count", items.Count.ToString(CultureInfo.InvariantCulture))),
            $"changes-requested:{context.Review.Id}", ct);
        return await SaveAndDispatchAsync(db, emails, ct);
    }

    /// <summary>
    /// Approves the submission unless a critical finding is still open (Blocked with
    /// <see cref="ApprovalReasonCodes.OpenCriticalFinding"/>). When the program asks for four eyes, the approval is
    /// recorded as pending and the program admins are asked to confirm it (<see cref="ReviewResult.AwaitingConfirmation"/>);
    /// otherwise it takes effect with the level from the auditor's score.
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
            return ReviewResult.NotAllowed(ReasonCodes.NotInReview);
        }

        if (context.Review.ApprovalRequestedAt is not null)
        {
            return ReviewResult.NotAllowed(ReasonCodes.ApprovalPending);
        }

        var decision = await EvaluateAsync(db, assessment, ct);
        if (!decision.Check.Allowed)
        {
            return new ReviewResult(ReviewOutcome.Blocked, decision.Check.ReasonCode);
        }

        if (!assessment.Program!.RequireApprovalConfirmation)
        {
            return await CommitApprovalAsync(db, context, decision, confirmedBy: null, user, ct);
        }

        var now = clock.GetUtcNow();
        context.Review.ApprovalRequestedAt = now;
        context.Review.ApprovalRequestedByUserId = context.UserId;
        assessment.Version = Guid.NewGuid();
        db.AuditEvents.Add(Audit(user, AuditActions.AssessmentApprovalRequested, assessment, new
        {
            context.Review.SubmissionNumber,
            AuditorScore = decision.Score.Overall,
            Level = decision.Level.Level?.Code,
        }));
        var admins = (await Notifier.ProgramAdminsAsync(db, assessment.Program.CertifyingBodyId, ct)).Where(id => id != context.UserId);
        var emails = await notifier.StageAsync(db, NotificationKind.ApprovalAwaitingConfirmation, admins, AssessmentPaths.Review(assessmentId),
            await DataAsync(db, assessment, ct, ("level", decision.Level.Level?.Code ?? "—")),
            $"approval-requested:{context.Review.Id}:{now.UtcTicks}", ct);
        var saved = await SaveAndDispatchAsync(db, emails, ct);
        return saved.Outcome == ReviewOutcome.Done ? ReviewResult.AwaitingConfirmation : saved;
    }

    /// <summary>Four eyes: a program admin other than the one who asked confirms a pending approval.</summary>
    public async Task<ReviewResult> ConfirmApprovalAsync(int assessmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = await PendingApprovalContextAsync(db, assessmentId, user, ct);
        if (pending.Failure is { } failure)
        {
            return failure;
        }

        var context = pending.Context!;
        var decision = await EvaluateAsync(db, context.Assessment, ct);
        if (!decision.Check.Allowed)
        {
            return new ReviewResult(ReviewOutcome.Blocked, decision.Check.ReasonCode);
        }

        return await CommitApprovalAsync(db, context, decision, confirmedBy: context.UserId, user, ct);
    }

    /// <summary>Four eyes: a program admin refuses a pending approval; the auditor gets the reason and the review back.</summary>
    public async Task<ReviewResult> SendBackApprovalAsync(int assessmentId, string? reason, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = await PendingApprovalContextAsync(db, assessmentId, user, ct);
        if (pending.Failure is { } failure)
        {
            return failure;
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxTextLength)
        {
            return ReviewResult.Invalid(ReasonCodes.ReasonRequired);
        }

        var context = pending.Context!;
        var requester = context.Review.ApprovalRequestedByUserId!;
        context.Review.ApprovalRequestedAt = null;
        context.Review.ApprovalRequestedByUserId = null;
        context.Assessment.Version = Guid.NewGuid();
        db.AuditEvents.Add(Audit(user, AuditActions.AssessmentApprovalSentBack, context.Assessment, new { context.Review.SubmissionNumber, Reason = reason.Trim() }));
        var emails = await notifier.StageAsync(db, NotificationKind.ApprovalSentBack, [requester], AssessmentPaths.Review(assessmentId),
            await DataAsync(db, context.Assessment, ct, ("reason", reason.Trim())),
            $"approval-sent-back:{context.Review.Id}:{clock.GetUtcNow().UtcTicks}", ct);
        return await SaveAndDispatchAsync(db, emails, ct);
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
            return ReviewResult.NotAllowed(ReasonCodes.NotInReview);
        }

        if (context.Review.ApprovalRequestedAt is not null && context.Actor == WorkflowActor.Auditor)
        {
            return ReviewResult.NotAllowed(ReasonCodes.ApprovalPending);
        }

        // A follow-up review is closed, not rejected: the distinctive's fate is its own decision (suspend or revoke).
        if (await FollowUpRounds.ForRoundAsync(db, assessmentId, context.Review.SubmissionNumber, ct) is not null)
        {
            return ReviewResult.NotAllowed(ReasonCodes.FollowUpNotRejected);
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxTextLength)
        {
            return ReviewResult.Invalid(ReasonCodes.ReasonRequired);
        }

        var from = assessment.State;
        assessment.Fire(AssessmentTrigger.Reject, context.Actor);
        context.Review.DecisionReason = reason.Trim();
        context.Review.DecidedAt = clock.GetUtcNow();
        context.Review.DecidedByUserId = context.UserId;
        context.Review.ApprovalRequestedAt = null;
        context.Review.ApprovalRequestedByUserId = null;
        db.AuditEvents.Add(Audit(user, AuditActions.AssessmentRejected, assessment, new { From = from, To = assessment.State, context.Review.SubmissionNumber }));
        var emails = await notifier.StageAsync(db, NotificationKind.Rejected, await Notifier.CompanyMembersAsync(db, assessment.CompanyId, ct),
            AssessmentPaths.Questionnaire(assessment.CompanyId, assessmentId), await DataAsync(db, assessment, ct, ("reason", reason.Trim())), $"rejected:{context.Review.Id}", ct);
        return await SaveAndDispatchAsync(db, emails, ct);
    }

    /// <summary>The auditor accepts the company's corrective action.</summary>
    public Task<ReviewResult> CloseFindingAsync(long findingId, ClaimsPrincipal user, CancellationToken ct) =>
        AuditorFindingTransitionAsync(findingId, FindingTrigger.Close, AuditActions.FindingClosed, NotificationKind.FindingClosed, user, ct);

    /// <summary>The auditor refuses a proposed action or reopens a closed finding.</summary>
    public Task<ReviewResult> ReopenFindingAsync(long findingId, ClaimsPrincipal user, CancellationToken ct) =>
        AuditorFindingTransitionAsync(findingId, FindingTrigger.Reopen, AuditActions.FindingReopened, NotificationKind.FindingReopened, user, ct);

    /// <summary>
    /// A member of the assessed company answers an open finding with a corrective action. Findings are the
    /// company's to answer only once the auditor has handed the submission back or decided it.
    /// </summary>
    public async Task<ReviewResult> ProposeActionAsync(long findingId, string? actionText, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Findings.Where(f => f.Id == findingId)
            .Select(f => new { Finding = f, f.Review!.Assessment!.CompanyId, f.Review.Assessment.State, f.Review.AuditorUserId })
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

        var now = clock.GetUtcNow();
        finding.Status = FindingLifecycle.Propose(finding.Status, WorkflowActor.CompanyMember);
        finding.CorrectiveAction = actionText.Trim();
        finding.ActionProposedAt = now;
        finding.UpdatedAt = now;
        finding.UpdatedByUserId = userId;
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.FindingActionProposed, nameof(Finding), findingId.ToString(CultureInfo.InvariantCulture),
            new { finding.AssessmentId, finding.QuestionCode }, companyId: row.CompanyId));
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Program).SingleAsync(a => a.Id == finding.AssessmentId, ct);
        var emails = row.AuditorUserId is { } auditor
            ? await notifier.StageAsync(db, NotificationKind.ActionProposed, [auditor], AssessmentPaths.Review(finding.AssessmentId),
                await DataAsync(db, assessment, ct, ("question", finding.QuestionCode)), $"action-proposed:{findingId}:{now.UtcTicks}", ct)
            : [];

        // The finding's version makes an auditor's change saved meanwhile win; the company sees a refusal and reloads.
        return await SaveAndDispatchAsync(db, emails, ct);
    }

    private async Task<ReviewResult> AuditorFindingTransitionAsync(
        long findingId, FindingTrigger trigger, string action, NotificationKind kind, ClaimsPrincipal user, CancellationToken ct)
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
        var now = clock.GetUtcNow();
        finding.Status = FindingLifecycle.Fire(finding.Status, trigger, context.Actor);
        finding.UpdatedAt = now;
        finding.UpdatedByUserId = context.UserId;

        // Closing or reopening a critical finding changes what approval may do; order it against a concurrent approval.
        context.Assessment.Version = Guid.NewGuid();
        db.AuditEvents.Add(Audit(user, action, context.Assessment, new { findingId, finding.QuestionCode, From = from, To = finding.Status }));

        // While in review the company does not see findings yet; it hears about them once they are its to answer.
        var emails = CompanySeesFindingsStates.Contains(context.Assessment.State)
            ? await notifier.StageAsync(db, kind, await Notifier.CompanyMembersAsync(db, context.Assessment.CompanyId, ct),
                AssessmentPaths.CorrectiveActions(context.Assessment.CompanyId, context.Assessment.Id), await DataAsync(db, context.Assessment, ct, ("question", finding.QuestionCode)),
                $"{action}:{findingId}:{now.UtcTicks}", ct)
            : [];
        return await SaveAndDispatchAsync(db, emails, ct);
    }

    private sealed record Evaluation(ApprovalCheck Check, ScoreResult Score, LevelResult Level, IReadOnlyList<CorrectivePlanItem> Plan);

    /// <summary>Everything an approval decides from: the gate over the standing findings, the auditor's score, the level and the plan.</summary>
    private async Task<Evaluation> EvaluateAsync(CertifyDbContext db, Assessment assessment, CancellationToken ct)
    {
        var findings = await CurrentFindingsAsync(db, assessment.Id, ct);
        var definition = registry.ForVersion(assessment.QuestionnaireVersionId);
        var sheet = await AnswerSheets.LoadAsync(db, assessment.Id, ct);
        var score = Score(definition, sheet, findings);
        return new Evaluation(
            Gate(definition, sheet, findings),
            score,
            Levels.Determine(registry.Program(assessment.ProgramId), score),
            CorrectivePlan.From(findings.Select(f => new FindingSummary(f.QuestionCode, f.Severity, f.Status, f.DueOn))));
    }

    private async Task<ReviewResult> CommitApprovalAsync(
        CertifyDbContext db, ReviewContext context, Evaluation decision, string? confirmedBy, ClaimsPrincipal user, CancellationToken ct)
    {
        var assessment = context.Assessment;
        var review = context.Review;
        var from = assessment.State;
        assessment.Fire(AssessmentTrigger.Approve, context.Actor);
        review.DecidedAt = clock.GetUtcNow();
        review.DecidedByUserId = review.ApprovalRequestedByUserId ?? context.UserId;
        review.AuditorScore = decision.Score.Overall;
        review.LevelCode = decision.Level.Granted ? decision.Level.Level?.Code : null;
        if (await FollowUpRounds.ForRoundAsync(db, assessment.Id, review.SubmissionNumber, ct) is { } followUp)
        {
            return await CloseFollowUpAsync(db, context, decision, followUp, from, confirmedBy, user, ct);
        }

        db.AuditEvents.Add(Audit(user, AuditActions.AssessmentApproved, assessment, new
        {
            From = from,
            To = assessment.State,
            review.SubmissionNumber,
            AuditorScore = decision.Score.Overall,
            Level = decision.Level.Level?.Code,
            LevelGranted = decision.Level.Granted,
            LevelReason = decision.Level.ReasonCode,
            CorrectiveActions = decision.Plan.Count,
            ConfirmedBy = confirmedBy,
        }));
        var path = decision.Plan.Count > 0 ? AssessmentPaths.CorrectiveActions(assessment.CompanyId, assessment.Id) : AssessmentPaths.Questionnaire(assessment.CompanyId, assessment.Id);
        var emails = await notifier.StageAsync(db, NotificationKind.Approved, await Notifier.CompanyMembersAsync(db, assessment.CompanyId, ct), path,
            await DataAsync(db, assessment, ct, ("level", review.LevelCode ?? "—"), ("count", decision.Plan.Count.ToString(CultureInfo.InvariantCulture))),
            $"approved:{review.Id}", ct);
        var saved = await SaveAndDispatchAsync(db, emails, ct);
        if (saved.Outcome == ReviewOutcome.Done)
        {
            // The job decides whether there is a distinctive to issue (no level, none); the reconcile job covers a crash here.
            var assessmentId = assessment.Id;
            jobs.Enqueue<IssueDistinctiveJob>(job => job.RunAsync(assessmentId, CancellationToken.None));
        }

        return saved;
    }

    /// <summary>
    /// The approval of a follow-up round closes the follow-up review: the assessment returns to Issued in the same
    /// save (the distinctive already exists and is left as it is: number, level, validity and status), so nothing is
    /// issued and no job is needed. Findings recorded in the round stand as corrective actions like any approval's.
    /// </summary>
    private async Task<ReviewResult> CloseFollowUpAsync(
        CertifyDbContext db, ReviewContext context, Evaluation decision, FollowUpSummary followUp, AssessmentState from, string? confirmedBy,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var assessment = context.Assessment;
        var review = context.Review;
        assessment.Fire(AssessmentTrigger.Issue, WorkflowActor.System);
        db.AuditEvents.Add(Audit(user, AuditActions.FollowUpReviewClosed, assessment, new
        {
            From = from,
            To = assessment.State,
            review.SubmissionNumber,
            Number = followUp.DistinctiveNumber,
            AuditorScore = decision.Score.Overall,
            CorrectiveActions = decision.Plan.Count,
            ConfirmedBy = confirmedBy,
        }));
        var path = decision.Plan.Count > 0 ? AssessmentPaths.CorrectiveActions(assessment.CompanyId, assessment.Id) : AssessmentPaths.Questionnaire(assessment.CompanyId, assessment.Id);
        var emails = await notifier.StageAsync(db, NotificationKind.FollowUpClosed, await Notifier.CompanyMembersAsync(db, assessment.CompanyId, ct), path,
            await DataAsync(db, assessment, ct, ("number", followUp.DistinctiveNumber), ("count", decision.Plan.Count.ToString(CultureInfo.InvariantCulture))),
            $"follow-up-closed:{review.Id}", ct);
        return await SaveAndDispatchAsync(db, emails, ct);
    }

    private sealed record PendingContext(ReviewContext? Context, ReviewResult? Failure);

    /// <summary>The context for confirming or sending back a pending approval, or why it cannot be done.</summary>
    private async Task<PendingContext> PendingApprovalContextAsync(CertifyDbContext db, int assessmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await ResolveAsync(db, assessmentId, user, allowProgramAdmin: true, ct) is not { } context)
        {
            return new PendingContext(null, ReviewResult.NotFound);
        }

        if (context.Assessment.State != AssessmentState.InReview || context.Review.ApprovalRequestedAt is null)
        {
            return new PendingContext(null, ReviewResult.NotAllowed(ReasonCodes.NoApprovalPending));
        }

        if (context.Review.ApprovalRequestedByUserId == context.UserId)
        {
            return new PendingContext(null, ReviewResult.NotAllowed(ReasonCodes.SameConfirmer));
        }

        // The assigned auditor may also be a program admin; confirming is done in the admin's role.
        var roles = await access.BodyRolesAsync(user, context.Assessment.Program!.CertifyingBodyId, ct);
        return roles.Contains(BodyRole.ProgramAdmin)
            ? new PendingContext(context with { Actor = WorkflowActor.ProgramAdmin }, null)
            : new PendingContext(null, ReviewResult.NotFound);
    }

    /// <summary>Why the auditor may not record verdicts or decide now, or null when they may.</summary>
    private static ReviewResult? AuditorBlocked(ReviewContext context) =>
        context.Assessment.State != AssessmentState.InReview ? ReviewResult.NotAllowed(ReasonCodes.NotInReview)
        : context.Review.ApprovalRequestedAt is not null ? ReviewResult.NotAllowed(ReasonCodes.ApprovalPending)
        : null;

    /// <summary>The data every review notification carries (company and program) plus <paramref name="extra"/>.</summary>
    private static async Task<Dictionary<string, string>> DataAsync(CertifyDbContext db, Assessment assessment, CancellationToken ct, params (string Key, string Value)[] extra)
    {
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == assessment.CompanyId)
            .Select(c => c.TradeName ?? c.LegalName).SingleAsync(ct);
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["company"] = company, ["program"] = assessment.Program!.Code };
        foreach (var (key, value) in extra)
        {
            data[key] = value;
        }

        return data;
    }

    private async Task<ReviewResult> SaveAndDispatchAsync(CertifyDbContext db, IReadOnlyList<OutboundEmail> emails, CancellationToken ct)
    {
        if (!await TrySaveAsync(db, ct))
        {
            return ReviewResult.Conflict;
        }

        notifier.Dispatch(emails);
        return ReviewResult.Done;
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

    private static ApprovalCheck Gate(QuestionnaireDefinition definition, AnswerSheet sheet, IEnumerable<Finding> findings) =>
        ApprovalGate.Check(definition, sheet, findings.Select(f => (f.QuestionCode, f.Severity, f.Status)).ToList());

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
        catch (DbUpdateException)
        {
            // A concurrency token (assessment or finding version) or a unique index refused a write based on what
            // another save changed meanwhile; the caller reloads and the person tries again.
            return false;
        }
    }
}
