using System.Globalization;
using System.Security.Cryptography;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Buyers;
using Certify.Domain.Distinctives;
using Certify.Domain.Questionnaires;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Distinctives.Credentials;
using Certify.Web.Features.Notifications;
using Certify.Web.Infrastructure.Files;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Distinctives;

/// <summary>
/// Turns an approval into a distinctive: number, verification code, validity from the level, a status-list slot and
/// the signed credential, stored together with the assessment's Approved → Issued transition; then the PDF
/// certificate and the company's notification.
/// </summary>
/// <remarks>
/// Safe to run any number of times, also concurrently. The distinctive is unique per assessment: a run that loses
/// the race on that index (or on the number, code or slot, which it then draws again) carries on with the winner's
/// distinctive. The PDF is rendered only while the distinctive has none, so a run after a failed PDF step renders
/// only what is missing; the notification has a dedupe key per distinctive and is stored with the PDF.
/// </remarks>
public sealed class IssueDistinctiveJob(
    IDbContextFactory<CertifyDbContext> dbFactory,
    QuestionnaireRegistry registry,
    SigningKeyStore keys,
    DistinctiveUrls urls,
    ICertificateRenderer renderer,
    IFileStore files,
    Notifier notifier,
    DistinctiveCache cache,
    CredentialSignatureCheck signatures,
    TimeProvider clock,
    ILogger<IssueDistinctiveJob> logger)
{
    /// <summary>Tries per step before giving up to Hangfire's retry; each lost race costs one.</summary>
    private const int MaxAttempts = 8;

    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(int assessmentId, CancellationToken ct)
    {
        if (await IssueAsync(assessmentId, ct) is { } distinctiveId)
        {
            // Checked once here (and after key rotations), so the public pages show the outcome without verifying it.
            await signatures.CheckAsync(distinctiveId, ct);
            await CompleteAsync(distinctiveId, ct);
        }
    }

    /// <summary>The id of the assessment's distinctive, issuing it when the assessment is approved with a level.</summary>
    private async Task<long?> IssueAsync(int assessmentId, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (await db.Distinctives.Where(d => d.AssessmentId == assessmentId).Select(d => (long?)d.Id).SingleOrDefaultAsync(ct) is { } existing)
            {
                return existing;
            }

            var assessment = await db.Assessments
                .Include(a => a.Company)
                .Include(a => a.Program).ThenInclude(p => p!.CertifyingBody)
                .SingleOrDefaultAsync(a => a.Id == assessmentId, ct);
            if (assessment is null || assessment.State != AssessmentState.Approved)
            {
                logger.LogInformation("Assessment {AssessmentId} is not approved ({State}); no distinctive issued", assessmentId, assessment?.State);
                return null;
            }

            var review = await db.Reviews.AsNoTracking()
                .SingleOrDefaultAsync(r => r.AssessmentId == assessmentId && r.SubmissionNumber == assessment.SubmissionCount, ct);
            if (review?.LevelCode is not { } levelCode)
            {
                logger.LogInformation("Assessment {AssessmentId} was approved without a level; no distinctive issued", assessmentId);
                return null;
            }

            var level = registry.Program(assessment.ProgramId).Levels.FirstOrDefault(l => l.Code == levelCode);
            if (level is null)
            {
                logger.LogError("Assessment {AssessmentId}: level {Level} is not in program {ProgramId}; no distinctive issued", assessmentId, levelCode, assessment.ProgramId);
                return null;
            }

            var distinctive = await NewDistinctiveAsync(db, assessment, review, level.ValidityMonths, ct);
            db.Distinctives.Add(distinctive);
            DistinctiveEventLog.Add(db, distinctive, assessment.RenewsAssessmentId is null ? DistinctiveEventKind.Issued : DistinctiveEventKind.Renewed,
                distinctive.IssuedAt, $"issued:{assessment.Id}");
            var from = assessment.State;
            assessment.Fire(AssessmentTrigger.Issue, WorkflowActor.System);
            db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.System, AuditActions.DistinctiveIssued, nameof(Assessment), assessment.Id.ToString(CultureInfo.InvariantCulture),
                new { From = from, To = assessment.State, distinctive.Number, Level = distinctive.LevelCode, distinctive.ValidFrom, distinctive.ValidUntil },
                companyId: assessment.CompanyId, bodyId: assessment.Program!.CertifyingBodyId));
            try
            {
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Distinctive {Number} issued for assessment {AssessmentId}", distinctive.Number, assessmentId);
                await cache.EvictRegistryAsync(ct);
                return distinctive.Id;
            }
            catch (DbUpdateException e)
            {
                // Another run issued it (the next attempt finds it), or the number, code or slot was taken meanwhile.
                logger.LogInformation(e, "Issuing for assessment {AssessmentId} collided (attempt {Attempt}); trying again", assessmentId, attempt);
            }
        }

        throw new InvalidOperationException($"Could not issue a distinctive for assessment {assessmentId} after {MaxAttempts} attempts.");
    }

    private async Task<Distinctive> NewDistinctiveAsync(CertifyDbContext db, Assessment assessment, Review review, int validityMonths, CancellationToken ct)
    {
        var program = assessment.Program!;
        var body = program.CertifyingBody!;
        var company = assessment.Company!;
        var now = clock.GetUtcNow();
        var validity = Validity.For(DateOnly.FromDateTime(BodyCalendar.Local(now).DateTime), validityMonths, BodyCalendar.Zone);
        var year = validity.FirstDay.Year;
        var highest = await db.Distinctives.Where(d => d.ProgramId == program.Id && d.Year == year).MaxAsync(d => (int?)d.Sequence, ct) ?? 0;
        var number = DistinctiveNumber.Next(program.Code, year, highest);
        var code = VerificationCode.Generate();
        var index = await FreeStatusIndexAsync(db, body.Id, ct);
        var sections = registry.ForVersion(assessment.QuestionnaireVersionId).Sections;

        using var key = await keys.CurrentAsync(body.Id, ct);
        var did = urls.Did(body.Slug);
        var kid = DidWebDocument.KeyId(did, key.PublicKey);
        var credential = CredentialBuilder.Distinctive(new DistinctiveCredentialData(
            Id: new Uri(urls.Verify(code)),
            IssuerDid: did,
            IssuerName: body.Name,
            ValidFrom: validity.ValidFrom,
            ValidUntil: validity.ValidUntil,
            Number: number.ToString(),
            VerificationCode: code.Value,
            LegalName: company.LegalName,
            Rfc: company.Rfc,
            ProgramCode: program.Code,
            ProgramName: program.NameEs,
            Level: review.LevelCode!,
            Topics: sections.Select(s => s.Title.Es).ToList(),
            CriteriaUrl: urls.Criteria(program.Code),
            Revocation: new StatusListSlot(urls.StatusList(body.Slug, CredentialBuilder.RevocationPurpose), index),
            Suspension: new StatusListSlot(urls.StatusList(body.Slug, CredentialBuilder.SuspensionPurpose), index)));

        return new Distinctive
        {
            AssessmentId = assessment.Id,
            CompanyId = company.Id,
            ProgramId = program.Id,
            CertifyingBodyId = body.Id,
            Number = number.ToString(),
            Year = year,
            Sequence = number.Sequence,
            VerificationCode = code.Value,
            LegalName = company.LegalName,
            Rfc = company.Rfc,
            State = company.State,
            LevelCode = review.LevelCode!,
            Score = review.AuditorScore ?? 0m,
            Topics = string.Join(',', sections.Select(s => s.Code)),
            IssuedAt = now,
            ValidFrom = validity.ValidFrom,
            ValidUntil = validity.ValidUntil,
            StatusListIndex = index,
            CredentialJwt = Es256Jws.Sign(credential, key.PrivateKey, kid),
            SigningKeyId = kid,
            Version = Guid.NewGuid(),
        };
    }

    /// <summary>A random index no distinctive of the body holds, so a position in the list says nothing about the order of issue.</summary>
    private static async Task<int> FreeStatusIndexAsync(CertifyDbContext db, int bodyId, CancellationToken ct)
    {
        var used = (await db.Distinctives.Where(d => d.CertifyingBodyId == bodyId).Select(d => d.StatusListIndex).ToListAsync(ct)).ToHashSet();
        if (used.Count >= BitstringStatusList.MinimumLength)
        {
            throw new InvalidOperationException($"Certifying body {bodyId} has no free status-list index.");
        }

        while (true)
        {
            var index = RandomNumberGenerator.GetInt32(BitstringStatusList.MinimumLength);
            if (!used.Contains(index))
            {
                return index;
            }
        }
    }

    /// <summary>Renders and stores the PDF when it is missing, and tells the company (once).</summary>
    private async Task CompleteAsync(long distinctiveId, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var distinctive = await db.Distinctives
                .Include(d => d.Assessment)
                .Include(d => d.Program)
                .Include(d => d.CertifyingBody)
                .SingleAsync(d => d.Id == distinctiveId, ct);
            StoredFile? stored = null;
            if (distinctive.PdfStorageKey is null)
            {
                var pdf = renderer.Render(Certificate(distinctive));
                using var content = new MemoryStream(pdf, writable: false);
                stored = await files.SaveAsync(content, ".pdf", ct);
                distinctive.PdfStorageKey = stored.Key;
                distinctive.PdfSha256 = stored.Sha256;
            }

            var emails = await notifier.StageAsync(db, NotificationKind.DistinctiveIssued,
                await Notifier.CompanyMembersAsync(db, distinctive.CompanyId, ct), DistinctivePaths.Company(distinctive.CompanyId),
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["company"] = distinctive.LegalName,
                    ["program"] = distinctive.Program!.Code,
                    ["number"] = distinctive.Number,
                    ["level"] = distinctive.LevelCode,
                },
                NotificationDedupeKey(distinctive.Id), ct);
            if (!db.ChangeTracker.HasChanges())
            {
                return;
            }

            distinctive.Version = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(ct);
                notifier.Dispatch(emails);
                return;
            }
            catch (DbUpdateException e)
            {
                // A concurrent run stored its PDF or told the company first; drop this run's copy and look again.
                logger.LogInformation(e, "Completing distinctive {DistinctiveId} collided (attempt {Attempt}); trying again", distinctiveId, attempt);
                if (stored is not null)
                {
                    await files.DeleteAsync(stored.Key, ct);
                }
            }
        }

        throw new InvalidOperationException($"Could not complete distinctive {distinctiveId} after {MaxAttempts} attempts.");
    }

    public static string NotificationDedupeKey(long distinctiveId) => $"distinctive-issued:{distinctiveId}";

    private CertificateContent Certificate(Distinctive distinctive)
    {
        var program = distinctive.Program!;
        var topicCodes = distinctive.Topics.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var sections = registry.ForVersion(distinctive.Assessment!.QuestionnaireVersionId).Sections;
        var code = DistinctiveFacts.Code(distinctive.VerificationCode);
        return new CertificateContent(
            distinctive.Number,
            code.Format(),
            distinctive.LegalName,
            distinctive.Rfc,
            new LocalizedText(program.NameEs, program.NameEn),
            distinctive.LevelCode,
            topicCodes.Select(c => sections.FirstOrDefault(s => s.Code == c)?.Title ?? new LocalizedText(c, c)).ToList(),
            DistinctiveFacts.FirstDay(distinctive.ValidFrom),
            DistinctiveFacts.LastDay(distinctive.ValidUntil),
            distinctive.CertifyingBody!.Name,
            urls.Verify(code),
            distinctive.CredentialJwt);
    }
}
