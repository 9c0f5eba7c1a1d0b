using System.Security.Claims;
using Certify.Data;
using Certify.Domain.Distinctives;
using Certify.Domain.Questionnaires;
using Certify.Web.Features.Tenancy;
using Certify.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;

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
    string BadgeSnippet);

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
    TimeProvider clock)
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
                d.VerificationCode, HasPdf = d.PdfStorageKey != null, d.IssuedAt,
            })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var items = rows.OrderByDescending(r => r.IssuedAt).ThenByDescending(r => r.Id).Select(r =>
        {
            var code = DistinctiveFacts.Code(r.VerificationCode);
            return new CompanyDistinctiveItem(
                r.Id,
                r.Number,
                new LocalizedText(r.NameEs, r.NameEn),
                r.LevelCode,
                DistinctiveFacts.Status(r.RevokedAt, r.SuspendedAt, r.ValidFrom, r.ValidUntil, now),
                DistinctiveFacts.FirstDay(r.ValidFrom),
                DistinctiveFacts.LastDay(r.ValidUntil),
                code,
                r.HasPdf,
                urls.Verify(code),
                BadgeSnippet(code, name));
        }).ToList();
        return new CompanyDistinctivesView(companyId, name, items);
    }

    /// <summary>The HTML a company pastes into its website to show the live status badge, linked to the verification page.</summary>
    public string BadgeSnippet(VerificationCode code, string companyName) =>
        $"<a href=\"{urls.Verify(code)}\"><img src=\"{urls.Badge(code)}\" alt=\"{System.Net.WebUtility.HtmlEncode(companyName)} — distintivo verificable {code.Format()}\"></a>";

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
        if (row is null)
        {
            return null;
        }

        var allowed = await access.CompanyRoleAsync(user, row.CompanyId, ct) is not null
            || (await access.BodyRolesAsync(user, row.CertifyingBodyId, ct)).Count > 0;
        return allowed ? new AllowedRow(row.Number, row.PdfStorageKey, row.CredentialJwt) : null;
    }
}
