using System.Globalization;
using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Evidence;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Notifications;
using Certify.Web.Features.Tenancy;
using Certify.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Concerns;

public sealed record QuestionChoice(string Code, string Text);

public sealed record FollowUpRequestView(
    long Id, string QuestionCode, string QuestionText, string Request, DateOnly RequestedOn, DateOnly DueOn, string? Answer, DateOnly? AnsweredOn,
    IReadOnlyList<FollowUpFile> Files);

/// <summary>A file attached to an answer, as the pages list it (downloaded at <see cref="FollowUpRequestService.FilePath"/>).</summary>
public sealed record FollowUpFile(long Id, string FileName, long Size);

/// <summary>A file the company sends with its answer: its name as uploaded and its content.</summary>
public sealed record AnswerFile(string FileName, Stream Content);

public sealed record CompanyFollowUps(string CompanyName, IReadOnlyList<FollowUpRequestView> Requests);

public enum FollowUpOutcome { Done, NotFound, TextRequired, UnknownQuestion, AlreadyAnswered, FileRejected }

/// <summary>What answering got; <see cref="Rejection"/> says why a file was refused (nothing is stored then).</summary>
public sealed record FollowUpAnswerResult(FollowUpOutcome Outcome, EvidenceRejection Rejection = EvidenceRejection.None, string? FileName = null);

/// <summary>
/// The body's follow-up after a concern: it asks the company, in its own words, about named questions of the
/// assessment behind the company's distinctive, with a due date; the company's members answer at
/// <c>/empresas/{id}/seguimiento</c>. The company sees the request and never the concern: nothing of the concern is
/// copied into the request, the notification or the audit row.
/// </summary>
public sealed class FollowUpRequestService(
    IDbContextFactory<CertifyDbContext> dbFactory,
    TenantAccess tenants,
    QuestionnaireRegistry questionnaires,
    Notifier notifier,
    IFileStore files,
    EvidenceLimits limits,
    TimeProvider clock)
{
    public const int DefaultDueDays = 15;
    public const int MaxRequestLength = 2000;

    /// <summary>The questions the body may ask about (those of the distinctive's assessment), in the questionnaire's order.</summary>
    public async Task<IReadOnlyList<QuestionChoice>> QuestionsAsync(long concernId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.Concerns.AsNoTracking().Where(c => c.Id == concernId)
            .Select(c => c.Distinctive!.Assessment!.QuestionnaireVersionId).SingleAsync(ct);
        var culture = CultureInfo.CurrentUICulture;
        return [.. questionnaires.ForVersion(version).Questions.Select(q => new QuestionChoice(q.Code, $"{q.Code} · {q.Text.Get(culture)}"))];
    }

    /// <summary>The body's requests of a concern, for its page (the caller has checked the body's access).</summary>
    public async Task<IReadOnlyList<FollowUpRequestView>> OfConcernAsync(long concernId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.FollowUpRequests.AsNoTracking().Where(r => r.ConcernId == concernId).OrderBy(r => r.Id).ToListAsync(ct);
        return await ViewsAsync(db, rows, ct);
    }

    /// <summary>A program admin or the assigned auditor asks the company about one question.</summary>
    public async Task<FollowUpOutcome> RequestAsync(
        int bodyId, long concernId, string? questionCode, string? request, ClaimsPrincipal user, CancellationToken ct)
    {
        var roles = await tenants.BodyRolesAsync(user, bodyId, ct);
        var userId = TenantAccess.UserId(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var concern = roles.Count == 0 ? null : await db.Concerns.AsNoTracking()
            .Where(c => c.Id == concernId && c.CertifyingBodyId == bodyId
                && (roles.Contains(BodyRole.ProgramAdmin) || c.AssignedAuditorId == userId))
            .Select(c => new
            {
                c.CompanyId, c.Distinctive!.AssessmentId, c.Distinctive.Assessment!.QuestionnaireVersionId,
                c.Distinctive.Number, Program = c.Distinctive.Program!.NameEs,
            })
            .SingleOrDefaultAsync(ct);
        if (concern is null)
        {
            return FollowUpOutcome.NotFound;
        }

        var text = request?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return FollowUpOutcome.TextRequired;
        }

        if (questionCode is null || questionnaires.ForVersion(concern.QuestionnaireVersionId).FindQuestion(questionCode) is null)
        {
            return FollowUpOutcome.UnknownQuestion;
        }

        var today = BodyCalendar.Today(clock);
        var row = new FollowUpRequest
        {
            ConcernId = concernId, CertifyingBodyId = bodyId, CompanyId = concern.CompanyId, AssessmentId = concern.AssessmentId,
            QuestionCode = questionCode, Request = text.Length > MaxRequestLength ? text[..MaxRequestLength] : text,
            RequestedOn = today, DueOn = today.AddDays(DefaultDueDays), Version = Guid.NewGuid(),
        };
        db.FollowUpRequests.Add(row);
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.FollowUpRequested, nameof(FollowUpRequest), null,
            new { Question = questionCode, Number = concern.Number }, companyId: concern.CompanyId, bodyId: bodyId));
        var emails = await notifier.StageAsync(db, NotificationKind.FollowUpRequested, await Notifier.CompanyMembersAsync(db, concern.CompanyId, ct),
            Path(concern.CompanyId), new Dictionary<string, string>
            {
                ["number"] = concern.Number, ["program"] = concern.Program, ["question"] = questionCode,
                ["due"] = row.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            $"follow-up:{concernId}:{questionCode}:{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{Guid.NewGuid():N}", ct);
        await db.SaveChangesAsync(ct);
        notifier.Dispatch(emails);
        return FollowUpOutcome.Done;
    }

    /// <summary>The company's requests, open first; null (404) for anyone who is not a member.</summary>
    public async Task<CompanyFollowUps?> ForCompanyAsync(int companyId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await tenants.CompanyRoleAsync(user, companyId, ct) is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.TradeName ?? c.LegalName).SingleAsync(ct);
        var rows = await db.FollowUpRequests.AsNoTracking().Where(r => r.CompanyId == companyId)
            .OrderBy(r => r.AnsweredOn != null).ThenBy(r => r.DueOn).ThenBy(r => r.Id).ToListAsync(ct);
        return new CompanyFollowUps(name, await ViewsAsync(db, rows, ct));
    }

    /// <summary>
    /// A member of the company answers one of its open requests, with files as evidence if it has them (checked by
    /// their content with the same types and limits as answer evidence). The answer and its files are stored
    /// together or not at all: a refused file stores nothing and says which file and why.
    /// </summary>
    public async Task<FollowUpAnswerResult> AnswerAsync(
        int companyId, long requestId, string? answer, IReadOnlyList<AnswerFile> attachments, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        if (await tenants.CompanyRoleAsync(user, companyId, ct) is null)
        {
            return new(FollowUpOutcome.NotFound);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.FollowUpRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.CompanyId == companyId, ct);
        if (row is null)
        {
            return new(FollowUpOutcome.NotFound);
        }

        var text = answer?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new(FollowUpOutcome.TextRequired);
        }

        // Answered once: a conditional update, so two members answering at once keep the first answer.
        var today = BodyCalendar.Today(clock);
        var clipped = text.Length > 4000 ? text[..4000] : text;
        var userId = TenantAccess.UserId(user)!;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var updated = await db.FollowUpRequests.Where(r => r.Id == requestId && r.AnsweredOn == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Answer, clipped).SetProperty(r => r.AnsweredOn, today)
                .SetProperty(r => r.AnsweredByUserId, userId).SetProperty(r => r.Version, Guid.NewGuid()), ct);
        if (updated == 0)
        {
            return new(FollowUpOutcome.AlreadyAnswered);
        }

        var stored = new List<StoredFile>();
        try
        {
            foreach (var attachment in attachments)
            {
                await using var buffer = await AssessmentService.BufferAsync(attachment.Content, limits.MaxBytes, ct);
                var (check, saved) = await AssessmentService.CheckAndStoreAsync(files, buffer, attachment.FileName, stored.Count, limits, ct);
                if (saved is not { } file)
                {
                    await DeleteAsync(stored);
                    return new(FollowUpOutcome.FileRejected, check.Rejection, EvidenceFiles.DisplayName(attachment.FileName));
                }

                stored.Add(file);
                db.FollowUpEvidence.Add(new FollowUpEvidence
                {
                    FollowUpRequestId = requestId,
                    FileName = EvidenceFiles.DisplayName(attachment.FileName),
                    StorageKey = file.Key,
                    ContentType = check.ContentType!,
                    Size = file.Size,
                    Sha256 = file.Sha256,
                    UploadedAt = clock.GetUtcNow(),
                    UploadedByUserId = userId,
                });
            }

            db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.FollowUpAnswered, nameof(FollowUpRequest),
                requestId.ToString(CultureInfo.InvariantCulture), new { Question = row.QuestionCode, Files = stored.Count }, companyId: companyId, bodyId: row.CertifyingBodyId));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch
        {
            // Nothing was committed: remove the stored bytes so no orphan file is left behind.
            await DeleteAsync(stored);
            throw;
        }

        return new(FollowUpOutcome.Done);
    }

    /// <summary>
    /// An answer's file for download: members of the company that answered, and active staff of the body that asked;
    /// null (404) for anyone else.
    /// </summary>
    public async Task<(FollowUpEvidence File, Stream Content)?> OpenFileAsync(long evidenceId, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.FollowUpEvidence.AsNoTracking().Where(e => e.Id == evidenceId)
            .Select(e => new { File = e, e.FollowUpRequest!.CompanyId, e.FollowUpRequest.CertifyingBodyId })
            .SingleOrDefaultAsync(ct);
        if (row is null || !await tenants.CanReadCompanyRecordAsync(user, row.CompanyId, row.CertifyingBodyId, bodyMaySee: true, ct))
        {
            return null;
        }

        return (row.File, await files.OpenReadAsync(row.File.StorageKey, ct));
    }

    public static string FilePath(long evidenceId) => $"/seguimiento/evidencias/{evidenceId}";

    private async Task DeleteAsync(IEnumerable<StoredFile> stored)
    {
        foreach (var file in stored)
        {
            await files.DeleteAsync(file.Key, CancellationToken.None);
        }
    }

    public static string Path(int companyId) => $"/empresas/{companyId}/seguimiento";

    private async Task<IReadOnlyList<FollowUpRequestView>> ViewsAsync(CertifyDbContext db, List<FollowUpRequest> rows, CancellationToken ct)
    {
        var assessmentIds = rows.Select(r => r.AssessmentId).Distinct().ToList();
        var versions = await db.Assessments.AsNoTracking().Where(a => assessmentIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.QuestionnaireVersionId, ct);
        var requestIds = rows.Select(r => r.Id).ToList();
        var attached = (await db.FollowUpEvidence.AsNoTracking().Where(e => requestIds.Contains(e.FollowUpRequestId)).OrderBy(e => e.Id)
                .Select(e => new { e.FollowUpRequestId, File = new FollowUpFile(e.Id, e.FileName, e.Size) }).ToListAsync(ct))
            .ToLookup(e => e.FollowUpRequestId, e => e.File);
        var culture = CultureInfo.CurrentUICulture;
        return [.. rows.Select(r => new FollowUpRequestView(
            r.Id, r.QuestionCode,
            questionnaires.ForVersion(versions[r.AssessmentId]).FindQuestion(r.QuestionCode)?.Text.Get(culture) ?? r.QuestionCode,
            r.Request, r.RequestedOn, r.DueOn, r.Answer, r.AnsweredOn, [.. attached[r.Id]]))];
    }
}
