using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Evidence;
using Certify.Domain.Questionnaires;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Tenancy;
using Certify.Web.Infrastructure.Files;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Assessments;

/// <summary>
/// The employer's self-assessment: start, answer (autosave with a per-answer version), attach evidence and submit.
/// Every method checks that the user belongs to the company first and behaves as "not found" otherwise.
/// </summary>
public sealed class AssessmentService(
    IDbContextFactory<CertifyDbContext> dbFactory,
    TenantAccess access,
    QuestionnaireRegistry registry,
    IFileStore files,
    EvidenceLimits limits,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    ILogger<AssessmentService> logger)
{
    public async Task<IReadOnlyList<AssessmentListItem>?> ListAsync(int companyId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Assessments.AsNoTracking().Where(a => a.CompanyId == companyId)
            .OrderByDescending(a => a.CreatedAt)
            .Select(a => new { a.Id, a.ProgramId, a.Program!.Code, a.QuestionnaireVersionId, a.State, a.CreatedAt, a.SubmittedAt })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var answers = await db.Answers.AsNoTracking().Where(a => ids.Contains(a.AssessmentId) && a.ValueJson != null)
            .Select(a => new { a.AssessmentId, a.QuestionCode, a.ValueJson }).ToListAsync(ct);
        var findings = await CompanyFindings.CurrentAsync(db, rows.Where(r => CompanyFindings.VisibleIn(r.State)).Select(r => r.Id).ToList(), ct);
        var reasons = await CompanyFindings.RejectionReasonsAsync(db, rows.Where(r => r.State == AssessmentState.Rejected).Select(r => r.Id).ToList(), ct);
        return rows.Select(r =>
        {
            var definition = registry.ForVersion(r.QuestionnaireVersionId);
            var sheet = answers.Where(a => a.AssessmentId == r.Id).ToDictionary(a => a.QuestionCode, a => AnswerJson.Deserialize(a.ValueJson)!);
            var visible = Visibility.VisibleQuestions(definition, sheet);
            var answered = visible.Count(sheet.ContainsKey);
            return new AssessmentListItem(r.Id, r.Code, registry.Program(r.ProgramId).Name, r.State, r.CreatedAt, r.SubmittedAt, answered, visible.Count)
            {
                RejectionReason = reasons.GetValueOrDefault(r.Id),
                NonConformities = findings[r.Id].Count(f => f.IsNonConformity),
            };
        }).ToList();
    }

    public async Task<IReadOnlyList<ProgramOption>> ProgramsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Programs.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.Code, Body = p.CertifyingBody!.Name }).ToListAsync(ct);
        return rows.Select(p => new ProgramOption(p.Id, p.Code, registry.Program(p.Id).Name, p.Body)).ToList();
    }

    /// <summary>Starts an assessment, or returns the open one: a company has at most one open assessment per program.</summary>
    public async Task<int?> StartAsync(int companyId, int programId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var slot = Assessment.SlotFor(companyId, programId);
        if (await db.Assessments.Where(a => a.OpenSlot == slot).Select(a => (int?)a.Id).SingleOrDefaultAsync(ct) is { } open)
        {
            return open;
        }

        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, ct);
        if (program is null)
        {
            return null;
        }

        var assessment = new Assessment
        {
            CompanyId = companyId,
            ProgramId = programId,
            QuestionnaireVersionId = program.QuestionnaireVersionId,
            State = AssessmentState.Draft,
            CreatedAt = clock.GetUtcNow(),
            CreatedByUserId = TenantAccess.UserId(user)!,
            OpenSlot = slot,
            Version = Guid.NewGuid(),
        };
        db.Assessments.Add(assessment);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two colleagues pressed "start" at once: the unique open slot let one through; use that one.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            return await again.Assessments.Where(a => a.OpenSlot == slot).Select(a => (int?)a.Id).SingleOrDefaultAsync(ct);
        }

        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.AssessmentStarted, nameof(Assessment), assessment.Id.ToString(),
            new { program.Code, QuestionnaireVersion = program.QuestionnaireVersionId }, companyId: companyId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return assessment.Id;
    }

    /// <summary>
    /// Starts the renewal of an issued assessment: a draft on the program's current questionnaire, pre-filled with the
    /// answers and comments that questionnaire still accepts, and a copy of every evidence file of those questions,
    /// each waiting for the company to confirm it still holds. The files are copied before anything is written and
    /// removed again if the draft cannot be saved, so a failure leaves neither a half-filled draft nor stray files.
    /// A revoked distinctive, or one already renewed, cannot be renewed; an open assessment of the same program comes
    /// back instead of a new one (a company has one open assessment per program).
    /// </summary>
    public async Task<RenewResult> RenewAsync(int companyId, int assessmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is null)
        {
            return new RenewResult(RenewOutcome.NotFound);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.Assessments.AsNoTracking()
            .Where(a => a.Id == assessmentId && a.CompanyId == companyId)
            .Select(a => new
            {
                a.Id, a.ProgramId, a.State, a.Program!.Code, a.Program.QuestionnaireVersionId,
                Revoked = db.Distinctives.Any(d => d.AssessmentId == a.Id && d.RevokedAt != null),
                Renewed = db.Assessments.Any(r => r.RenewsAssessmentId == a.Id && r.State == AssessmentState.Issued),
            })
            .SingleOrDefaultAsync(ct);
        if (source is null)
        {
            return new RenewResult(RenewOutcome.NotFound);
        }

        var slot = Assessment.SlotFor(companyId, source.ProgramId);
        if (await db.Assessments.Where(a => a.OpenSlot == slot).Select(a => (int?)a.Id).SingleOrDefaultAsync(ct) is { } open)
        {
            return new RenewResult(RenewOutcome.AlreadyOpen, open);
        }

        if (source.State != AssessmentState.Issued || source.Revoked || source.Renewed)
        {
            return new RenewResult(RenewOutcome.NotRenewable);
        }

        var definition = registry.ForVersion(source.QuestionnaireVersionId);
        var now = clock.GetUtcNow();
        var userId = TenantAccess.UserId(user)!;
        var answers = (await db.Answers.AsNoTracking().Where(a => a.AssessmentId == source.Id).ToListAsync(ct))
            .Where(a => definition.FindQuestion(a.QuestionCode) is { } q
                && (a.ValueJson is null || q.Accepts(AnswerJson.Deserialize(a.ValueJson))))
            .Select(a => new Answer
            {
                QuestionCode = a.QuestionCode, ValueJson = a.ValueJson, Comment = a.Comment, Version = 1,
                UpdatedAt = now, UpdatedByUserId = userId, UpdatedByName = a.UpdatedByName,
            })
            .ToList();
        var carried = answers.Select(a => a.QuestionCode).ToHashSet(StringComparer.Ordinal);
        var sourceFiles = await db.EvidenceFiles.AsNoTracking().Where(e => e.AssessmentId == source.Id).OrderBy(e => e.Id).ToListAsync(ct);
        var copies = new List<EvidenceFile>();
        try
        {
            foreach (var file in sourceFiles.Where(f => carried.Contains(f.QuestionCode)))
            {
                StoredFile stored;
                await using (var content = await files.OpenReadAsync(file.StorageKey, ct))
                {
                    stored = await files.SaveAsync(content, Path.GetExtension(file.StorageKey), ct);
                }

                copies.Add(new EvidenceFile
                {
                    QuestionCode = file.QuestionCode, FileName = file.FileName, StorageKey = stored.Key, ContentType = file.ContentType,
                    Size = stored.Size, Sha256 = stored.Sha256, UploadedAt = file.UploadedAt, UploadedByUserId = file.UploadedByUserId,
                    PendingConfirmation = true,
                });
            }

            var renewal = new Assessment
            {
                CompanyId = companyId,
                ProgramId = source.ProgramId,
                QuestionnaireVersionId = source.QuestionnaireVersionId,
                State = AssessmentState.Draft,
                CreatedAt = now,
                CreatedByUserId = userId,
                OpenSlot = slot,
                RenewsAssessmentId = source.Id,
                Version = Guid.NewGuid(),
                Answers = answers,
                Evidence = copies,
            };
            db.Assessments.Add(renewal);
            await AuditLog.SaveWithAuditAsync(db, () => AuditLog.Event(clock, AuditActor.From(user), AuditActions.AssessmentRenewalStarted, nameof(Assessment), renewal.Id.ToString(),
                new { source.Code, Renews = source.Id, Answers = answers.Count, Files = copies.Count }, companyId: companyId), ct);
            return new RenewResult(RenewOutcome.Started, renewal.Id);
        }
        catch (Exception ex) when (ex is DbUpdateException or IOException or OperationCanceledException)
        {
            foreach (var copy in copies)
            {
                await files.DeleteAsync(copy.StorageKey, CancellationToken.None);
            }

            if (ex is DbUpdateException)
            {
                // A colleague started an assessment of the program at the same moment: the unique open slot let theirs through.
                await using var again = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                if (await again.Assessments.Where(a => a.OpenSlot == slot).Select(a => (int?)a.Id).SingleOrDefaultAsync(CancellationToken.None) is { } winner)
                {
                    return new RenewResult(RenewOutcome.AlreadyOpen, winner);
                }
            }

            throw;
        }
    }

    /// <summary>
    /// The company confirms that a file carried over by a renewal still holds. Allowed while its question is editable,
    /// like a removal; confirming twice is harmless.
    /// </summary>
    public async Task<bool> ConfirmEvidenceAsync(int companyId, int assessmentId, long evidenceId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is null)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var file = await db.EvidenceFiles
            .Where(e => e.Id == evidenceId && e.AssessmentId == assessmentId && e.Assessment!.CompanyId == companyId)
            .SingleOrDefaultAsync(ct);
        if (file is null)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await TouchIfEditableAsync(db, assessmentId, file.QuestionCode, ct))
        {
            return false;
        }

        if (file.PendingConfirmation)
        {
            file.PendingConfirmation = false;
            db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.EvidenceConfirmed, nameof(EvidenceFile), evidenceId.ToString(),
                new { assessmentId, file.QuestionCode, file.FileName, file.Sha256 }, companyId: companyId));
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<AssessmentView?> GetAsync(int companyId, int assessmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is not { } role)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assessment = await db.Assessments.AsNoTracking()
            .Where(a => a.Id == assessmentId && a.CompanyId == companyId)
            .Select(a => new
            {
                a.Id, a.ProgramId, a.QuestionnaireVersionId, a.State, a.CreatedAt, a.SubmittedAt, a.SubmissionCount,
                Company = a.Company!.TradeName ?? a.Company.LegalName, a.Program!.Code, Body = a.Program.CertifyingBody!.Name,
                a.RenewsAssessmentId,
                RenewsNumber = db.Distinctives.Where(d => d.AssessmentId == a.RenewsAssessmentId).Select(d => d.Number).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (assessment is null)
        {
            return null;
        }

        var answers = await db.Answers.AsNoTracking().Where(a => a.AssessmentId == assessmentId).ToListAsync(ct);
        var evidence = await db.EvidenceFiles.AsNoTracking().Where(e => e.AssessmentId == assessmentId).OrderBy(e => e.Id)
            .Select(e => new EvidenceItem(e.Id, e.QuestionCode, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedAt) { PendingConfirmation = e.PendingConfirmation })
            .ToListAsync(ct);
        var changes = assessment.State == AssessmentState.ChangesRequested
            ? await db.UnlockedQuestions.AsNoTracking().Where(u => u.AssessmentId == assessmentId).OrderBy(u => u.QuestionCode)
                .Select(u => new ChangeRequest(u.QuestionCode, u.Comment)).ToListAsync(ct)
            : [];
        var findings = CompanyFindings.VisibleIn(assessment.State)
            ? (await CompanyFindings.CurrentAsync(db, [assessmentId], ct))[assessmentId].ToList()
            : [];
        var rejection = assessment.State == AssessmentState.Rejected
            ? (await CompanyFindings.RejectionReasonsAsync(db, [assessmentId], ct)).GetValueOrDefault(assessmentId)
            : null;
        return new AssessmentView(
            assessment.Id, companyId, assessment.Company, assessment.ProgramId, assessment.Code, registry.Program(assessment.ProgramId).Name, assessment.Body,
            assessment.State, role, registry.ForVersion(assessment.QuestionnaireVersionId),
            answers.ToDictionary(a => a.QuestionCode, ToSaved), evidence, assessment.CreatedAt, assessment.SubmittedAt)
        {
            ChangeRequests = changes,
            Findings = findings,
            RejectionReason = rejection,
            Renews = assessment.RenewsAssessmentId is { } renewed ? new RenewalOf(renewed, assessment.RenewsNumber) : null,
            FollowUp = AssessmentWorkflow.IsOpen(assessment.State)
                ? await FollowUpRounds.ForRoundAsync(db, assessmentId, assessment.SubmissionCount + 1, ct)
                : null,
        };
    }

    /// <summary>
    /// Saves one answer if nobody changed it since <paramref name="expectedVersion"/> (0 for a first answer).
    /// Otherwise nothing is written and the other person's answer comes back for the user to choose.
    /// </summary>
    public async Task<SaveAnswerResult> SaveAnswerAsync(
        int companyId, int assessmentId, string questionCode, AnswerValue? value, string? comment, long expectedVersion, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is null)
        {
            return new SaveAnswerResult(SaveOutcome.NotFound);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assessment = await db.Assessments.AsNoTracking()
            .Where(a => a.Id == assessmentId && a.CompanyId == companyId)
            .Select(a => new { a.State, a.QuestionnaireVersionId })
            .SingleOrDefaultAsync(ct);
        if (assessment is null)
        {
            return new SaveAnswerResult(SaveOutcome.NotFound);
        }

        if (!AssessmentWorkflow.AnswersEditable(assessment.State) || !await UnlockedAsync(db, assessmentId, assessment.State, questionCode, ct))
        {
            return new SaveAnswerResult(SaveOutcome.Frozen);
        }

        var question = registry.ForVersion(assessment.QuestionnaireVersionId).FindQuestion(questionCode);
        if (question is null || (value is not null && !question.Accepts(value)) || comment is { Length: > 2000 })
        {
            return new SaveAnswerResult(SaveOutcome.Invalid);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await TouchIfEditableAsync(db, assessmentId, questionCode, ct))
        {
            return new SaveAnswerResult(SaveOutcome.Frozen);
        }

        var row = await db.Answers.SingleOrDefaultAsync(a => a.AssessmentId == assessmentId && a.QuestionCode == questionCode, ct);
        if ((row?.Version ?? 0) != expectedVersion)
        {
            return new SaveAnswerResult(SaveOutcome.Conflict, row is null ? null : ToSaved(row));
        }

        if (row is null)
        {
            row = new Answer { AssessmentId = assessmentId, QuestionCode = questionCode, UpdatedByUserId = "" };
            db.Answers.Add(row);
        }

        row.ValueJson = AnswerJson.Serialize(value);
        row.Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        row.Version = expectedVersion + 1;
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedByUserId = TenantAccess.UserId(user)!;
        row.UpdatedByName = user.Identity?.Name;
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone saved between our read and our write (version token or the unique key caught it).
            await transaction.RollbackAsync(CancellationToken.None);
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            var current = await fresh.Answers.AsNoTracking().SingleOrDefaultAsync(a => a.AssessmentId == assessmentId && a.QuestionCode == questionCode, ct);
            return new SaveAnswerResult(SaveOutcome.Conflict, current is null ? null : ToSaved(current));
        }

        return new SaveAnswerResult(SaveOutcome.Saved, ToSaved(row));
    }

    /// <summary>Checks the file by its content and stores it under a generated name; a rejected file stores nothing.</summary>
    public async Task<UploadResult> UploadEvidenceAsync(
        int companyId, int assessmentId, string questionCode, Stream content, string fileName, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is null)
        {
            return new UploadResult(UploadOutcome.NotFound);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assessment = await db.Assessments.AsNoTracking()
            .Where(a => a.Id == assessmentId && a.CompanyId == companyId)
            .Select(a => new { a.State, a.QuestionnaireVersionId })
            .SingleOrDefaultAsync(ct);
        if (assessment is null || registry.ForVersion(assessment.QuestionnaireVersionId).FindQuestion(questionCode) is null)
        {
            return new UploadResult(UploadOutcome.NotFound);
        }

        if (!AssessmentWorkflow.AnswersEditable(assessment.State) || !await UnlockedAsync(db, assessmentId, assessment.State, questionCode, ct))
        {
            return new UploadResult(UploadOutcome.Frozen);
        }

        await using var buffer = await BufferAsync(content, limits.MaxBytes, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await TouchIfEditableAsync(db, assessmentId, questionCode, ct))
        {
            return new UploadResult(UploadOutcome.Frozen);
        }

        var existing = await db.EvidenceFiles.CountAsync(e => e.AssessmentId == assessmentId && e.QuestionCode == questionCode, ct);
        var (check, saved) = await CheckAndStoreAsync(files, buffer, fileName, existing, limits, ct);
        if (saved is not { } stored)
        {
            return new UploadResult(UploadOutcome.Rejected, check.Rejection);
        }

        var row = new EvidenceFile
        {
            AssessmentId = assessmentId,
            QuestionCode = questionCode,
            FileName = EvidenceFiles.DisplayName(fileName),
            StorageKey = stored.Key,
            ContentType = check.ContentType!,
            Size = stored.Size,
            Sha256 = stored.Sha256,
            UploadedAt = clock.GetUtcNow(),
            UploadedByUserId = TenantAccess.UserId(user)!,
        };
        db.EvidenceFiles.Add(row);
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.EvidenceUploaded, nameof(EvidenceFile), null,
            new { assessmentId, questionCode, row.FileName, row.Sha256, row.Size }, companyId: companyId));
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch
        {
            // The row did not make it: remove the stored bytes so no orphan file is left behind.
            await files.DeleteAsync(stored.Key, CancellationToken.None);
            throw;
        }

        return new UploadResult(UploadOutcome.Stored, File: new EvidenceItem(row.Id, questionCode, row.FileName, row.ContentType, row.Size, row.Sha256, row.UploadedAt));
    }

    /// <summary>
    /// Removes a file while its question is editable: any file in a draft; while changes are requested, only files of
    /// the questions the auditor unlocked (the answer itself may change there too). The audit trail keeps the file's
    /// name and hash.
    /// </summary>
    public async Task<bool> DeleteEvidenceAsync(int companyId, int assessmentId, long evidenceId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is null)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.EvidenceFiles
            .Where(e => e.Id == evidenceId && e.AssessmentId == assessmentId && e.Assessment!.CompanyId == companyId)
            .Select(e => new { File = e, e.Assessment!.State })
            .SingleOrDefaultAsync(ct);
        if (row is null || !AssessmentWorkflow.AnswersEditable(row.State) || !await UnlockedAsync(db, assessmentId, row.State, row.File.QuestionCode, ct))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await TouchIfEditableAsync(db, assessmentId, row.File.QuestionCode, ct))
        {
            return false;
        }

        db.EvidenceFiles.Remove(row.File);
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.EvidenceDeleted, nameof(EvidenceFile), evidenceId.ToString(),
            new { assessmentId, row.File.QuestionCode, row.File.FileName, row.File.Sha256 }, companyId: companyId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        try
        {
            await files.DeleteAsync(row.File.StorageKey, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Evidence {EvidenceId} deleted but its file {Key} could not be removed", evidenceId, row.File.StorageKey);
        }

        return true;
    }

    /// <summary>
    /// The file for download, if the user belongs to the company that owns it, or is active staff of the program's
    /// certifying body once the assessment has been submitted to it.
    /// </summary>
    public async Task<(EvidenceItem Item, Stream Content)?> OpenEvidenceAsync(long evidenceId, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.EvidenceFiles.AsNoTracking().Where(e => e.Id == evidenceId)
            .Select(e => new { File = e, e.Assessment!.CompanyId, e.Assessment.SubmissionCount, e.Assessment.Program!.CertifyingBodyId })
            .SingleOrDefaultAsync(ct);
        if (row is null || !await access.CanReadCompanyRecordAsync(user, row.CompanyId, row.CertifyingBodyId, row.SubmissionCount > 0, ct))
        {
            return null;
        }

        var f = row.File;
        return (new EvidenceItem(f.Id, f.QuestionCode, f.FileName, f.ContentType, f.Size, f.Sha256, f.UploadedAt), await files.OpenReadAsync(f.StorageKey, ct));
    }

    /// <summary>
    /// Refuses with the list of what is missing; otherwise freezes the answers and hands over to the job. The
    /// assessment is read before its answers: any save in between changes its version, the freeze fails on the
    /// concurrency token and the check runs again on what was really saved.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(int companyId, int assessmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var assessment = await db.Assessments.SingleOrDefaultAsync(a => a.Id == assessmentId && a.CompanyId == companyId, ct);
            var view = assessment is null ? null : await GetAsync(companyId, assessmentId, user, ct);
            if (assessment is null || view is null)
            {
                return new SubmitResult(SubmitOutcome.NotFound, []);
            }

            if (!AssessmentWorkflow.CanFire(assessment.State, AssessmentTrigger.Submit, WorkflowActor.CompanyMember))
            {
                return new SubmitResult(SubmitOutcome.NotAllowed, []);
            }

            var missing = Completeness.Check(view.Definition, view.Sheet());
            if (missing.Count > 0)
            {
                return new SubmitResult(SubmitOutcome.Incomplete, missing);
            }

            var from = assessment.State;
            assessment.Fire(AssessmentTrigger.Submit, WorkflowActor.CompanyMember);
            assessment.SubmittedAt = clock.GetUtcNow();
            assessment.SubmittedByUserId = TenantAccess.UserId(user);
            if (from == AssessmentState.ChangesRequested)
            {
                // The unlocked questions belonged to that round of changes; the next round starts locked again.
                db.UnlockedQuestions.RemoveRange(await db.UnlockedQuestions.Where(u => u.AssessmentId == assessmentId).ToListAsync(ct));
            }

            db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.AssessmentSubmitted, nameof(Assessment), assessmentId.ToString(),
                new { From = from, To = assessment.State, Submission = assessment.SubmissionCount }, companyId: companyId));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxSubmitAttempts)
            {
                continue;
            }
            catch (DbUpdateConcurrencyException)
            {
                return new SubmitResult(SubmitOutcome.NotAllowed, []);
            }

            jobs.Enqueue<SubmissionReceivedJob>(job => job.RunAsync(assessmentId, CancellationToken.None));
            return new SubmitResult(SubmitOutcome.Submitted, []);
        }
    }

    private const int MaxSubmitAttempts = 3;

    /// <summary>
    /// Stamps the assessment with a new version if its answers may still change, inside the caller's transaction:
    /// the row lock orders concurrent writers, and a submit that read the old version can no longer freeze it. While
    /// changes are requested only the unlocked questions may change (<paramref name="questionCode"/>).
    /// </summary>
    private static async Task<bool> TouchIfEditableAsync(CertifyDbContext db, int assessmentId, string questionCode, CancellationToken ct)
    {
        var stamp = Guid.NewGuid();
        return await db.Assessments.Where(a => a.Id == assessmentId)
            .Where(a => a.State == AssessmentState.Draft
                || (a.State == AssessmentState.ChangesRequested
                    && db.UnlockedQuestions.Any(u => u.AssessmentId == a.Id && u.QuestionCode == questionCode)))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, stamp), ct) == 1;
    }

    /// <summary>In a draft every answer is open; while changes are requested only the questions the auditor unlocked.</summary>
    private static async Task<bool> UnlockedAsync(CertifyDbContext db, int assessmentId, AssessmentState state, string questionCode, CancellationToken ct) =>
        state != AssessmentState.ChangesRequested
        || await db.UnlockedQuestions.AnyAsync(u => u.AssessmentId == assessmentId && u.QuestionCode == questionCode, ct);

    private static SavedAnswer ToSaved(Answer a) =>
        new(a.QuestionCode, AnswerJson.Deserialize(a.ValueJson), a.Comment, a.Version, a.UpdatedAt, a.UpdatedByName);

    /// <summary>Copies at most limit + 1 bytes into memory: enough to tell "too large" without reading a huge upload.</summary>
    internal static async Task<MemoryStream> BufferAsync(Stream content, long limit, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length <= limit && (read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    /// <summary>
    /// Checks a buffered upload by its bytes (type, size, count) and, when accepted, stores it; the stored file is null
    /// when the check refused it. Shared by answer evidence and corrective-action evidence.
    /// </summary>
    internal static async Task<(EvidenceCheck Check, StoredFile? Stored)> CheckAndStoreAsync(
        IFileStore files, MemoryStream buffer, string fileName, int existing, EvidenceLimits limits, CancellationToken ct)
    {
        var check = EvidenceFiles.Check(buffer, fileName, existing, limits);
        if (!check.Accepted)
        {
            return (check, null);
        }

        buffer.Position = 0;
        return (check, await files.SaveAsync(buffer, EvidenceFiles.ExtensionOf(check.Type!.Value), ct));
    }
}
