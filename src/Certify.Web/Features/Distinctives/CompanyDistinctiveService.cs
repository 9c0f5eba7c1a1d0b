using System.Security.Claims;
using Certify.Data;
using Certify.Domain.Assessments;
using Certify.Domain.Distinctives;
using Certify.Domain.Questionnaires;
using Certify.Web.Features.Tenancy;
using Certify.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Certify.Web.Features.Distinctives;

/// <summary>One row of "Mis distintivos".</summary>
public sealed record CompanyDistinctiveItem(
    long Id,
    string Number,
    LocalizedText ProgramName,
    string LevelCode,
    DistinctiveStatus Status,
    DateOnly FirstDay,
    DateOnly LastDay,
    VerificationCode Code,
    bool HasPdf,
    string VerifyUrl,
    string BadgeSnippet)
{
    /// <summary>The issued assessment behind the distinctive: the one a renewal starts from.</summary>
    public int AssessmentId { get; init; }

    public RenewalStatus Renewal { get; init; }

    /// <summary>The renewal assessment, while one is open.</summary>
    public int? RenewalAssessmentId { get; init; }

    /// <summary>Ends within the program's last warning window (60 days) or has ended: renewal is what to do next.</summary>
    public bool RenewalDue { get; init; }

    /// <summary>Openings of its public verification page in the last 30 days (counts only; nobody is identified).</summary>
    public int VerifiedLast30Days { get; init; }
}

/// <summary>Where a distinctive stands on renewal.</summary>
public enum RenewalStatus
{
    /// <summary>Revoked: start a new assessment instead.</summary>
    NotAvailable,

    Available,

    /// <summary>A renewal assessment is open (draft, submitted, in review or with changes requested).</summary>
    InProgress,

    /// <summary>A renewal was issued: the newer distinctive replaces this one.</summary>
    Renewed,
}

public sealed record CompanyDistinctivesView(int CompanyId, string CompanyName, IReadOnlyList<CompanyDistinctiveItem> Items);

/// <summary>A file to send: its content and the name to save it as.</summary>
public sealed record DistinctiveDownload(Stream Content, string FileName);

/// <summary>A credential to send: the compact vc+jwt and the name to save it as.</summary>
public sealed record DistinctiveCredentialDownload(string Jwt, string FileName);

/// <summary>
/// A company's distinctives, for its members; the PDF and the credential also for the staff of the issuing body.
/// Anyone else gets null, which pages and endpoints answer with 404.
/// </summary>
public sealed class CompanyDistinctiveService(
    IDbContextFactory<CertifyDbContext> dbFactory,
    TenantAccess access,
    IFileStore files,
    DistinctiveUrls urls,
    TimeProvider clock,
    IStringLocalizer<Resources.Distinctives> text)
{
    public async Task<CompanyDistinctivesView?> ListAsync(int companyId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.TradeName ?? c.LegalName).SingleAsync(ct);
        var rows = await db.Distinctives.AsNoTracking().Where(d => d.CompanyId == companyId)
            .Select(d => new
            {
                d.Id, d.Number, d.Program!.NameEs, d.Program.NameEn, d.LevelCode, d.RevokedAt, d.SuspendedAt, d.ValidFrom, d.ValidUntil,
                d.VerificationCode, HasPdf = d.PdfStorageKey != null, d.IssuedAt, d.AssessmentId,
                Renewal = db.Assessments.Where(a => a.RenewsAssessmentId == d.AssessmentId && a.State != AssessmentState.Rejected)
                    .OrderByDescending(a => a.Id).Select(a => new { a.Id, a.State }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var today = BodyCalendar.Today(clock);
        var views = await VerificationCounter.LastDaysAsync(db, rows.Select(r => r.Id).ToList(), today, ct);
        var items = rows.OrderByDescending(r => r.IssuedAt).ThenByDescending(r => r.Id).Select(r =>
        {
            var code = DistinctiveFacts.Code(r.VerificationCode);
            var status = DistinctiveFacts.Status(r.RevokedAt, r.SuspendedAt, r.ValidFrom, r.ValidUntil, now);
            var lastDay = DistinctiveFacts.LastDay(r.ValidUntil);
            var renewal = r.Renewal switch
            {
                { State: AssessmentState.Issued } => RenewalStatus.Renewed,
                not null => RenewalStatus.InProgress,
                _ when status == DistinctiveStatus.Revoked => RenewalStatus.NotAvailable,
                _ => RenewalStatus.Available,
            };
            return new CompanyDistinctiveItem(
                r.Id,
                r.Number,
                new LocalizedText(r.NameEs, r.NameEn),
                r.LevelCode,
                status,
                DistinctiveFacts.FirstDay(r.ValidFrom),
                lastDay,
                code,
                r.HasPdf,
                urls.Verify(code),
                BadgeSnippet(code, name))
            {
                AssessmentId = r.AssessmentId,
                Renewal = renewal,
                RenewalAssessmentId = renewal == RenewalStatus.InProgress ? r.Renewal!.Id : null,
                RenewalDue = renewal == RenewalStatus.Available && ExpiryWarnings.DaysLeft(lastDay.AddDays(1), today) <= ExpiryWarnings.Thresholds[0],
                VerifiedLast30Days = views.GetValueOrDefault(r.Id),
            };
        }).ToList();
        return new CompanyDistinctivesView(companyId, name, items);
    }

    /// <summary>
    /// The HTML a company pastes into its website to show the live status badge, linked to the verification page; the
    /// image's text is in the language of the page the company copies it from.
    /// </summary>
    public string BadgeSnippet(VerificationCode code, string companyName) =>
        $"<a href=\"{urls.Verify(code)}\"><img src=\"{urls.Badge(code)}\" alt=\"{System.Net.WebUtility.HtmlEncode(text["BadgeAlt", companyName, code.Format()])}\"></a>";

    public async Task<DistinctiveDownload?> OpenPdfAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await AllowedAsync(id, user, ct) is not { PdfStorageKey: { } key } row)
        {
            return null;
        }

        try
        {
            return new DistinctiveDownload(await files.OpenReadAsync(key, ct), $"{row.Number}.pdf");
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public async Task<DistinctiveCredentialDownload?> CredentialAsync(long id, ClaimsPrincipal user, CancellationToken ct) =>
        await AllowedAsync(id, user, ct) is { } row ? new DistinctiveCredentialDownload(row.CredentialJwt, $"{row.Number}.jwt") : null;

    private sealed record AllowedRow(string Number, string? PdfStorageKey, string CredentialJwt);

    private async Task<AllowedRow?> AllowedAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Distinctives.AsNoTracking().Where(d => d.Id == id)
            .Select(d => new { d.CompanyId, d.CertifyingBodyId, d.Number, d.PdfStorageKey, d.CredentialJwt })
            .SingleOrDefaultAsync(ct);
        return row is not null && await access.CanReadCompanyRecordAsync(user, row.CompanyId, row.CertifyingBodyId, bodyMaySee: true, ct)
            ? new AllowedRow(row.Number, row.PdfStorageKey, row.CredentialJwt)
            : null;
    }
}
