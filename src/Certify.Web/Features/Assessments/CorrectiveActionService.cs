using System.Globalization;
using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Evidence;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Reviews;
using Certify.Web.Features.Tenancy;
using Certify.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Assessments;

/// <summary>
/// The company's answer to the auditor's non-conformities: see them, propose a corrective action (through the review
/// service, which owns the finding's lifecycle) and attach evidence to it. Every method checks that the user belongs
/// to the company and that the finding is one of that company's assessment, and behaves as "not found" otherwise.
/// </summary>
public sealed class CorrectiveActionService(
    IDbContextFactory<CertifyDbContext> dbFactory,
    TenantAccess access,
    QuestionnaireRegistry registry,
    IFileStore files,
    EvidenceLimits limits,
    ReviewService reviews,
    TimeProvider clock)
{
    public async Task<CorrectiveActionsView?> GetAsync(int companyId, int assessmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assessment = await db.Assessments.AsNoTracking()
            .Where(a => a.Id == assessmentId && a.CompanyId == companyId)
            .Select(a => new { a.ProgramId, a.QuestionnaireVersionId, a.State, Company = a.Company!.TradeName ?? a.Company.LegalName })
            .SingleOrDefaultAsync(ct);
        if (assessment is null)
        {
            return null;
        }

        var definition = registry.ForVersion(assessment.QuestionnaireVersionId);
        var findings = CompanyFindings.VisibleIn(assessment.State)
            ? (await CompanyFindings.CurrentAsync(db, [assessmentId], ct))[assessmentId].Where(f => f.IsNonConformity).ToList()
            : [];
        var findingIds = findings.Select(f => f.Id).ToList();
        var evidence = (await db.CorrectiveEvidence.AsNoTracking().Where(e => findingIds.Contains(e.FindingId)).OrderBy(e => e.Id)
                .Select(e => new { e.FindingId, e.Id, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedAt })
                .ToListAsync(ct))
            .ToLookup(e => e.FindingId);
        var order = definition.Questions.Select((q, i) => (q.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var items = findings
            .OrderBy(f => order.GetValueOrDefault(f.QuestionCode, int.MaxValue))
            .Select(f => new CorrectiveActionItem(
                f,
                definition.FindQuestion(f.QuestionCode)?.Text ?? new LocalizedText(f.QuestionCode, f.QuestionCode),
                evidence[f.Id].Select(e => new EvidenceItem(e.Id, f.QuestionCode, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedAt)).ToList()))
            .ToList();
        return new CorrectiveActionsView(assessmentId, companyId, assessment.Company, registry.Program(assessment.ProgramId).Name, assessment.State, items);
    }

    /// <summary>Proposes the corrective action on a finding of this company's assessment; the review service validates and records it.</summary>
    public async Task<ReviewResult> ProposeAsync(int companyId, int assessmentId, long findingId, string? actionText, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await FindingInScopeAsync(companyId, assessmentId, findingId, user, ct) is null)
        {
            return ReviewResult.NotFound;
        }

        return await reviews.ProposeActionAsync(findingId, actionText, user, ct);
    }

    /// <summary>
    /// Checks the file by its content, with the same types and limits as answer evidence (the file count is per
    /// finding), and stores it under a generated name; a rejected file stores nothing. Closed findings take no files.
    /// </summary>
    public async Task<UploadResult> UploadAsync(
        int companyId, int assessmentId, long findingId, Stream content, string fileName, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await FindingInScopeAsync(companyId, assessmentId, findingId, user, ct) is not { } finding)
        {
            return new UploadResult(UploadOutcome.NotFound);
        }

        if (finding.Status == FindingStatus.Closed)
        {
            return new UploadResult(UploadOutcome.Frozen);
        }

        await using var buffer = await AssessmentService.BufferAsync(content, limits.MaxBytes, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.CorrectiveEvidence.CountAsync(e => e.FindingId == findingId, ct);
        var (check, saved) = await AssessmentService.CheckAndStoreAsync(files, buffer, fileName, existing, limits, ct);
        if (saved is not { } stored)
        {
            return new UploadResult(UploadOutcome.Rejected, check.Rejection);
        }

        var row = new CorrectiveEvidence
        {
            FindingId = findingId,
            FileName = EvidenceFiles.DisplayName(fileName),
            StorageKey = stored.Key,
            ContentType = check.ContentType!,
            Size = stored.Size,
            Sha256 = stored.Sha256,
            UploadedAt = clock.GetUtcNow(),
            UploadedByUserId = TenantAccess.UserId(user)!,
        };
        db.CorrectiveEvidence.Add(row);
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.FindingEvidenceUploaded, nameof(Finding), findingId.ToString(CultureInfo.InvariantCulture),
            new { assessmentId, finding.QuestionCode, row.FileName, row.Sha256, row.Size }, companyId: companyId));
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

        return new UploadResult(UploadOutcome.Stored, File: new EvidenceItem(row.Id, finding.QuestionCode, row.FileName, row.ContentType, row.Size, row.Sha256, row.UploadedAt));
    }

    /// <summary>
    /// The file for download, if the user belongs to the assessed company or is active staff of the program's
    /// certifying body (the auditor judges the action by it).
    /// </summary>
    public async Task<(EvidenceItem Item, Stream Content)?> OpenFileAsync(long evidenceId, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.CorrectiveEvidence.AsNoTracking().Where(e => e.Id == evidenceId)
            .Select(e => new
            {
                File = e,
                e.Finding!.QuestionCode,
                e.Finding.Review!.Assessment!.CompanyId,
                e.Finding.Review.Assessment.Program!.CertifyingBodyId,
            })
            .SingleOrDefaultAsync(ct);
        if (row is null || !await access.CanReadCompanyRecordAsync(user, row.CompanyId, row.CertifyingBodyId, bodyMaySee: true, ct))
        {
            return null;
        }

        var f = row.File;
        return (new EvidenceItem(f.Id, row.QuestionCode, f.FileName, f.ContentType, f.Size, f.Sha256, f.UploadedAt), await files.OpenReadAsync(f.StorageKey, ct));
    }

    /// <summary>
    /// The finding, when the user is a member of the company, the finding is a non-conformity of the company's
    /// assessment and the company may see findings in the assessment's current state.
    /// </summary>
    private async Task<CompanyFinding?> FindingInScopeAsync(int companyId, int assessmentId, long findingId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Findings.AsNoTracking()
            .Where(f => f.Id == findingId && f.AssessmentId == assessmentId && f.Review!.Assessment!.CompanyId == companyId)
            .Select(f => new
            {
                f.Review!.Assessment!.State,
                Finding = new CompanyFinding(f.Id, f.QuestionCode, f.Severity, f.Comment, f.DueOn, f.Status, f.CorrectiveAction, f.ActionProposedAt),
            })
            .SingleOrDefaultAsync(ct);
        return row is not null && CompanyFindings.VisibleIn(row.State) && row.Finding.IsNonConformity ? row.Finding : null;
    }
}
