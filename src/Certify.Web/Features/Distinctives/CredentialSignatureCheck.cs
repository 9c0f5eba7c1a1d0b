using System.Text.Json;
using System.Text.Json.Nodes;
using Certify.Data;
using Certify.Web.Features.Distinctives.Credentials;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Distinctives;

/// <summary>
/// Checks a distinctive's stored credential against its body's published keys and stores the outcome on the
/// distinctive (<c>SignatureValid</c>, <c>SignatureVerifiedAt</c>): when it is issued, after the body's keys rotate,
/// and once for a distinctive never checked (issued before the check was stored). The public pages show the stored
/// result; nothing re-verifies a signature per view. A changed outcome evicts the distinctive's cached pages.
/// </summary>
public sealed class CredentialSignatureCheck(IDbContextFactory<CertifyDbContext> dbFactory, DistinctiveCache cache, TimeProvider clock)
{
    /// <summary>Verifies the distinctive's credential, stores the outcome and returns it.</summary>
    public async Task<bool> CheckAsync(long distinctiveId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.Distinctives.AsNoTracking().Where(d => d.Id == distinctiveId)
            .Select(d => new { d.VerificationCode, d.SignatureValid }).SingleOrDefaultAsync(ct);
        if (stored is null)
        {
            return false;
        }

        var valid = await VerifyAsync(db, distinctiveId, ct);
        var now = clock.GetUtcNow();
        await db.Distinctives.Where(d => d.Id == distinctiveId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.SignatureValid, valid).SetProperty(d => d.SignatureVerifiedAt, now), ct);
        if (stored.SignatureValid is { } before && before != valid)
        {
            await cache.EvictAsync(stored.VerificationCode, ct);
        }

        return valid;
    }

    /// <summary>Checks every distinctive of the body again (after its keys changed).</summary>
    public async Task CheckBodyAsync(int bodyId, CancellationToken ct)
    {
        List<long> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            ids = await db.Distinctives.AsNoTracking().Where(d => d.CertifyingBodyId == bodyId).Select(d => d.Id).ToListAsync(ct);
        }

        foreach (var id in ids)
        {
            await CheckAsync(id, ct);
        }
    }

    /// <summary>
    /// Whether the distinctive's credential verifies: an ES256 <c>vc+jwt</c> signed by a key of the issuing body (the
    /// <c>SigningKey</c> row whose thumbprint ends the JWS <c>kid</c>), stating this very code.
    /// </summary>
    private static async Task<bool> VerifyAsync(CertifyDbContext db, long distinctiveId, CancellationToken ct)
    {
        var row = await db.Distinctives.AsNoTracking().Where(d => d.Id == distinctiveId)
            .Select(d => new { d.CredentialJwt, d.VerificationCode, d.CertifyingBodyId }).SingleOrDefaultAsync(ct);
        if (row is null || !Es256Jws.TryReadHeader(row.CredentialJwt, out var header) || header.Kid is null)
        {
            return false;
        }

        var thumbprint = header.Kid[(header.Kid.LastIndexOf('#') + 1)..];
        var jwkJson = await db.SigningKeys.AsNoTracking()
            .Where(k => k.Kid == thumbprint && k.CertifyingBodyId == row.CertifyingBodyId)
            .Select(k => k.PublicJwk).SingleOrDefaultAsync(ct);
        if (jwkJson is null || !Jwk.TryFromJson(ParseObject(jwkJson), out var jwk))
        {
            return false;
        }

        using var key = jwk.ToPublicKey();
        if (!Es256Jws.TryVerify(row.CredentialJwt, key, out var verified) || verified.Header.Typ != Es256Jws.CredentialType)
        {
            return false;
        }

        try
        {
            var stated = verified.PayloadJson()?["credentialSubject"]?["achievement"]?["verificationCode"];
            return stated?.GetValueKind() == JsonValueKind.String && stated.GetValue<string>() == row.VerificationCode;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonObject? ParseObject(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
