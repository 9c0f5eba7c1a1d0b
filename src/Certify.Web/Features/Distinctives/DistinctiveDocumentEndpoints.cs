using System.Text;
using System.Text.Json.Nodes;
using Certify.Data;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives.Credentials;
using Certify.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Distinctives;

/// <summary>
/// The public documents a verifier needs besides the credential: each certifying body's DID document (its signing
/// keys, old ones included) and its two Bitstring Status List credentials, built from the distinctives table at
/// request time so a suspension or revocation shows at once (within the cache's minute).
/// </summary>
public sealed class DistinctiveDocuments(IDbContextFactory<CertifyDbContext> dbFactory, SigningKeyStore keys, DistinctiveUrls urls, TimeProvider clock)
{
    /// <summary>The DID document of the body <paramref name="slug"/>, or null for an unknown body.</summary>
    public async Task<JsonObject?> DidDocumentAsync(string slug, CancellationToken ct)
    {
        if (await BodyIdAsync(slug, ct) is not { } bodyId)
        {
            return null;
        }

        // A verifier may ask before anything was issued; the document always has the key the body will sign with.
        using (await keys.CurrentAsync(bodyId, ct))
        {
            return DidWebDocument.Build(urls.Did(slug), await keys.PublishedAsync(bodyId, ct));
        }
    }

    /// <summary>The signed status list (vc+jwt) for <paramref name="purpose"/>, or null for an unknown body or purpose.</summary>
    public async Task<string?> StatusListAsync(string slug, string purpose, CancellationToken ct)
    {
        if (purpose is not (CredentialBuilder.RevocationPurpose or CredentialBuilder.SuspensionPurpose))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var body = await db.CertifyingBodies.AsNoTracking().Where(b => b.Slug == slug).Select(b => new { b.Id, b.Name }).SingleOrDefaultAsync(ct);
        if (body is null)
        {
            return null;
        }

        var set = purpose == CredentialBuilder.RevocationPurpose
            ? db.Distinctives.Where(d => d.CertifyingBodyId == body.Id && d.RevokedAt != null)
            : db.Distinctives.Where(d => d.CertifyingBodyId == body.Id && d.SuspendedAt != null);
        var list = new BitstringStatusList();
        foreach (var index in await set.Select(d => d.StatusListIndex).ToListAsync(ct))
        {
            list.Set(index, true);
        }

        var did = urls.Did(slug);
        var credential = CredentialBuilder.StatusList(urls.StatusList(slug, purpose), did, body.Name, purpose, list.Encode(), clock.GetUtcNow());
        using var key = await keys.CurrentAsync(body.Id, ct);
        return Es256Jws.Sign(credential, key.PrivateKey, DidWebDocument.KeyId(did, key.PublicKey));
    }

    private async Task<int?> BodyIdAsync(string slug, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CertifyingBodies.AsNoTracking().Where(b => b.Slug == slug).Select(b => (int?)b.Id).SingleOrDefaultAsync(ct);
    }
}

public static class DistinctiveDocumentEndpoints
{
    /// <summary>Media type of a DID document (DID Core §6.2).</summary>
    public const string DidMediaType = "application/did+json";

    /// <summary>Verifiers may cache the documents for a minute; a status change shows within that.</summary>
    public const string CacheControl = "public, max-age=60";

    /// <summary>
    /// Anonymous: <c>/organismos/{slug}/did.json</c> and <c>/organismos/{slug}/estado/{revocation|suspension}</c>.
    /// Members of the company and staff of the issuing body: <c>/distintivos/{id}/pdf</c> and
    /// <c>/distintivos/{id}/credential.jwt</c> (404 for anyone else).
    /// </summary>
    public static IEndpointRouteBuilder MapDistinctiveDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The verification page's view counter (see VerificationCounter): never cached, rate limited like the public API.
        endpoints.MapGet("/verificar/{code}/visto.gif", async (string code, HttpContext context, VerificationCounter counter, CancellationToken ct) =>
        {
            if (!await counter.CountAsync(code, ct))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(VerificationCounter.Pixel, "image/gif");
        }).AllowAnonymous().RequireRateLimiting(DistinctiveApi.RateLimitPolicy).ExcludeFromDescription();

        endpoints.MapGet("/organismos/{slug}/" + DidWeb.DocumentName, async (string slug, HttpContext context, DistinctiveDocuments documents, CancellationToken ct) =>
        {
            if (await documents.DidDocumentAsync(slug, ct) is not { } document)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = CacheControl;
            return Results.Text(document.ToJsonString(), DidMediaType);
        }).AllowAnonymous();

        endpoints.MapGet("/organismos/{slug}/estado/{purpose}", async (string slug, string purpose, HttpContext context, DistinctiveDocuments documents, CancellationToken ct) =>
        {
            if (await documents.StatusListAsync(slug, purpose, ct) is not { } jwt)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = CacheControl;
            return Results.Text(jwt, Es256Jws.MediaType);
        }).AllowAnonymous();

        endpoints.MapGet("/distintivos/{distinctiveId:long}/pdf", async (long distinctiveId, HttpContext context, CompanyDistinctiveService distinctives, CancellationToken ct) =>
        {
            if (await distinctives.OpenPdfAsync(distinctiveId, context.User, ct) is not { } pdf)
            {
                return Results.NotFound();
            }

            return Results.File(pdf.Content, "application/pdf", pdf.FileName, enableRangeProcessing: false);
        }).RequireAuthorization().PrivateNoStoreDownload();

        endpoints.MapGet("/distintivos/{distinctiveId:long}/credential.jwt", async (long distinctiveId, HttpContext context, CompanyDistinctiveService distinctives, CancellationToken ct) =>
        {
            if (await distinctives.CredentialAsync(distinctiveId, context.User, ct) is not { } credential)
            {
                return Results.NotFound();
            }

            return Results.File(Encoding.ASCII.GetBytes(credential.Jwt), Es256Jws.MediaType, credential.FileName);
        }).RequireAuthorization().PrivateNoStoreDownload();
        return endpoints;
    }
}
