using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Web.Features.Distinctives.Credentials;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Distinctives;

/// <summary>A certifying body's current signing key, ready to sign; the caller disposes it.</summary>
public sealed class BodySigningKey(string thumbprint, Jwk publicKey, ECDsa privateKey) : IDisposable
{
    /// <summary>The RFC 7638 thumbprint (<see cref="SigningKey.Kid"/>).</summary>
    public string Thumbprint { get; } = thumbprint;

    public Jwk PublicKey { get; } = publicKey;

    public ECDsa PrivateKey { get; } = privateKey;

    public void Dispose() => PrivateKey.Dispose();
}

/// <summary>
/// One P-256 signing key per certifying body, created on first need. The private key (PKCS#8) is stored protected
/// with Data Protection; the public JWK is stored in the clear and stays published after rotation.
/// </summary>
/// <remarks>
/// Two callers may create a body's first key (or rotate) at the same time. Both insert; the body's current key is
/// always the unretired key with the lowest id, so both then sign with the same key, and the loser deletes the key
/// it made, which never signed anything.
/// </remarks>
public sealed class SigningKeyStore(
    IDbContextFactory<CertifyDbContext> dbFactory, IDataProtectionProvider dataProtection, CredentialSignatureCheck signatures, TimeProvider clock)
{
    public const string ProtectionPurpose = "Certify.Distinctives.SigningKey.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(ProtectionPurpose);

    /// <summary>The key the body signs with now, created when it has none.</summary>
    public async Task<BodySigningKey> CurrentAsync(int bodyId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await CurrentRowAsync(db, bodyId, ct) ?? await CreateAsync(db, bodyId, ct);
        return Open(current);
    }

    /// <summary>Every public key of the body, the current one first, then retired ones from the newest; none before the first need.</summary>
    public async Task<IReadOnlyList<Jwk>> PublishedAsync(int bodyId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SigningKeys.AsNoTracking().Where(k => k.CertifyingBodyId == bodyId).ToListAsync(ct);
        return rows
            .OrderBy(k => k.RetiredAt is null ? 0 : 1)
            .ThenBy(k => k.RetiredAt is null ? k.Id : -k.Id)
            .Select(k => ParseJwk(k.PublicJwk))
            .ToList();
    }

    /// <summary>
    /// Retires the current key and creates a new one; retired keys stay published. The body's credentials are checked
    /// again against the keys now published, and the stored outcomes updated.
    /// </summary>
    public async Task<string> RotateAsync(int bodyId, CancellationToken ct)
    {
        string kid;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var now = clock.GetUtcNow();
            await db.SigningKeys.Where(k => k.CertifyingBodyId == bodyId && k.RetiredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiredAt, now), ct);
            kid = (await CreateAsync(db, bodyId, ct)).Kid;
        }

        await signatures.CheckBodyAsync(bodyId, ct);
        return kid;
    }

    private static Task<SigningKey?> CurrentRowAsync(CertifyDbContext db, int bodyId, CancellationToken ct) =>
        db.SigningKeys.AsNoTracking()
            .Where(k => k.CertifyingBodyId == bodyId && k.RetiredAt == null)
            .OrderBy(k => k.Id)
            .FirstOrDefaultAsync(ct);

    private async Task<SigningKey> CreateAsync(CertifyDbContext db, int bodyId, CancellationToken ct)
    {
        using var key = SigningKeyMaterial.Create();
        var jwk = Jwk.FromKey(key);
        var row = new SigningKey
        {
            CertifyingBodyId = bodyId,
            Kid = jwk.Thumbprint(),
            PublicJwk = jwk.ToJson().ToJsonString(),
            ProtectedPrivateKey = Convert.ToBase64String(_protector.Protect(SigningKeyMaterial.ExportPrivateKey(key))),
            CreatedAt = clock.GetUtcNow(),
        };
        db.SigningKeys.Add(row);
        await db.SaveChangesAsync(ct);

        var winner = await CurrentRowAsync(db, bodyId, ct)
            ?? throw new InvalidOperationException($"Certifying body {bodyId} has no current signing key after creating one.");
        if (winner.Id != row.Id)
        {
            db.SigningKeys.Remove(row);
            await db.SaveChangesAsync(ct);
        }

        return winner;
    }

    private BodySigningKey Open(SigningKey row)
    {
        var pkcs8 = _protector.Unprotect(Convert.FromBase64String(row.ProtectedPrivateKey));
        try
        {
            return new BodySigningKey(row.Kid, ParseJwk(row.PublicJwk), SigningKeyMaterial.ImportPrivateKey(pkcs8));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static Jwk ParseJwk(string json) =>
        Jwk.TryFromJson(JsonNode.Parse(json) as JsonObject, out var jwk)
            ? jwk
            : throw new InvalidOperationException("A stored signing key's public JWK is not a P-256 key.");
}
