using Certify.Data;
using Certify.Domain.Companies;
using Certify.Domain.Distinctives;
using Certify.Domain.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Distinctives;

/// <summary>A topic the distinctive covers: the questionnaire section's code and title.</summary>
public sealed record DistinctiveTopic(string Code, LocalizedText Title);

/// <summary>Everything the public may know about one distinctive, with its status at the time of the look-up.</summary>
public sealed record DistinctiveDetails(
    long Id,
    string Number,
    VerificationCode Code,
    DistinctiveStatus Status,
    string LegalName,
    string Rfc,
    MexicanState State,
    string ProgramCode,
    LocalizedText ProgramName,
    string Level,
    IReadOnlyList<DistinctiveTopic> Topics,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    string Issuer,
    DateTimeOffset? SuspendedAt,
    DateTimeOffset? RevokedAt,
    string? StatusReason,
    int CompanyId,
    int CertifyingBodyId,
    bool? SignatureValid = null,
    DateTimeOffset? SignatureVerifiedAt = null)
{
    /// <summary>The first valid day, in the certifying body's calendar.</summary>
    public DateOnly FirstDay => DateOnly.FromDateTime(BodyCalendar.Local(ValidFrom).DateTime);

    /// <summary>The last valid day ("vigente hasta"): <see cref="ValidUntil"/> is exclusive, the day before it in Mexico City.</summary>
    public DateOnly LastDay => DateOnly.FromDateTime(BodyCalendar.Local(ValidUntil).DateTime).AddDays(-1);
}

/// <summary>
/// Finds a distinctive by its verification code as a person typed it (see <see cref="VerificationCode.TryParse"/>),
/// for the verification page and the public API, with the stored outcome of its credential's signature check.
/// </summary>
public sealed class DistinctiveLookupService(
    IDbContextFactory<CertifyDbContext> dbFactory, QuestionnaireRegistry questionnaires, CredentialSignatureCheck signatures, TimeProvider clock)
{
    /// <summary>Null when the text is not a well-formed code (wrong length, symbol or check character) or no distinctive has it.</summary>
    public async Task<DistinctiveDetails?> FindAsync(string? codeText, CancellationToken ct)
    {
        if (!VerificationCode.TryParse(codeText, out var code))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Distinctives.AsNoTracking()
            .Where(d => d.VerificationCode == code.Value)
            .Select(d => new
            {
                d.Id, d.Number, d.LegalName, d.Rfc, d.State, d.LevelCode, d.Topics, d.ValidFrom, d.ValidUntil,
                d.SuspendedAt, d.RevokedAt, d.StatusReason, d.CompanyId, d.CertifyingBodyId, d.SignatureValid, d.SignatureVerifiedAt,
                d.Program!.Code, d.Program.NameEs, d.Program.NameEn, d.Program.QuestionnaireVersionId,
                Issuer = d.CertifyingBody!.Name,
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var sections = questionnaires.ForVersion(row.QuestionnaireVersionId).Sections;
        var topics = row.Topics.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => new DistinctiveTopic(t, sections.FirstOrDefault(s => s.Code == t)?.Title ?? new LocalizedText(t, t)))
            .ToList();
        return new DistinctiveDetails(
            row.Id, row.Number, code,
            DistinctiveStatusQuery.Derive(row.RevokedAt, row.SuspendedAt, row.ValidFrom, row.ValidUntil, clock.GetUtcNow()),
            row.LegalName, row.Rfc, row.State, row.Code, new LocalizedText(row.NameEs, row.NameEn), row.LevelCode, topics,
            row.ValidFrom, row.ValidUntil, row.Issuer, row.SuspendedAt, row.RevokedAt, row.StatusReason, row.CompanyId, row.CertifyingBodyId,
            row.SignatureValid, row.SignatureVerifiedAt);
    }

    /// <summary>The stored credential (vc+jwt) of the distinctive with this code; null when there is none.</summary>
    public async Task<string?> CredentialAsync(string? codeText, CancellationToken ct)
    {
        if (!VerificationCode.TryParse(codeText, out var code))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Distinctives.AsNoTracking().Where(d => d.VerificationCode == code.Value)
            .Select(d => d.CredentialJwt).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Whether the distinctive's credential verifies, as checked at issuance or after a key rotation
    /// (<see cref="CredentialSignatureCheck"/>); a distinctive never checked is checked now, once.
    /// </summary>
    public async Task<bool> SignatureValidAsync(DistinctiveDetails details, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(details);
        return details.SignatureValid ?? await signatures.CheckAsync(details.Id, ct);
    }
}
