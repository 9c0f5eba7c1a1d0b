using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives.Credentials;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>What a test distinctive looks like; defaults make an active level-A distinctive of the demo company A.</summary>
public sealed record DistinctiveSpec
{
    public string LegalName { get; init; } = "Autopartes del Bajío Demo, S.A. de C.V.";
    public string Rfc { get; init; } = CertifyWebFactory.CompanyARfc;
    public MexicanState State { get; init; } = MexicanState.Guanajuato;
    public string Level { get; init; } = "A";
    public string Topics { get; init; } = "SUB,LIB";
    public DateTimeOffset? ValidFrom { get; init; }
    public DateTimeOffset? ValidUntil { get; init; }
    public DateTimeOffset? SuspendedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? StatusReason { get; init; }
    public int? CompanyId { get; init; }
    public string? CredentialJwt { get; init; }
    public string SigningKeyId { get; init; } = "did:web:localhost:organismos:capb-demo#test";
}

/// <summary>A distinctive row as the tests need it: its id, code and number.</summary>
public sealed record TestDistinctive(long Id, VerificationCode Code, string Number, int CompanyId, int BodyId);

/// <summary>
/// Distinctive rows written straight into the database of a <see cref="CertifyWebFactory"/>, each on an assessment of
/// its own (a distinctive is unique per assessment), in the demo body's DRL-AUTO program.
/// </summary>
public static class PublicDistinctiveTestData
{
    private static int _sequence = 50_000;

    public static async Task<TestDistinctive> CreateDistinctiveAsync(this CertifyWebFactory factory, DistinctiveSpec? spec = null)
    {
        spec ??= new DistinctiveSpec();
        return await factory.WithDbAsync(async db =>
        {
            var program = await db.Programs.Where(p => p.Code == "DRL-AUTO").SingleAsync();
            var companyId = spec.CompanyId ?? await db.Companies.Where(c => c.Rfc == CertifyWebFactory.CompanyARfc).Select(c => c.Id).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            var assessment = new Assessment
            {
                CompanyId = companyId,
                ProgramId = program.Id,
                QuestionnaireVersionId = program.QuestionnaireVersionId,
                State = AssessmentState.Approved,
                CreatedAt = now,
                CreatedByUserId = "test",
                Version = Guid.NewGuid(),
            };
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();

            var sequence = await FreeStatusIndexAsync(db, program.CertifyingBodyId, () => Interlocked.Increment(ref _sequence));

            var code = VerificationCode.Generate();
            var validFrom = spec.ValidFrom ?? now.AddDays(-30);
            var distinctive = new Distinctive
            {
                AssessmentId = assessment.Id,
                CompanyId = companyId,
                ProgramId = program.Id,
                CertifyingBodyId = program.CertifyingBodyId,
                Number = $"DRL-AUTO-2026-{sequence:D5}",
                Year = 2026,
                Sequence = sequence,
                VerificationCode = code.Value,
                LegalName = spec.LegalName,
                Rfc = spec.Rfc,
                State = spec.State,
                LevelCode = spec.Level,
                Score = 95,
                Topics = spec.Topics,
                IssuedAt = validFrom,
                ValidFrom = validFrom,
                ValidUntil = spec.ValidUntil ?? validFrom.AddYears(2),
                SuspendedAt = spec.SuspendedAt,
                RevokedAt = spec.RevokedAt,
                StatusReason = spec.StatusReason,
                StatusListIndex = sequence,
                CredentialJwt = spec.CredentialJwt ?? "not-a-credential",
                SigningKeyId = spec.SigningKeyId,
                Version = Guid.NewGuid(),
            };
            db.Distinctives.Add(distinctive);
            await db.SaveChangesAsync();
            return new TestDistinctive(distinctive.Id, code, distinctive.Number, companyId, program.CertifyingBodyId);
        });
    }

    /// <summary>
    /// The first index <paramref name="next"/> gives that no distinctive of the body holds in its status list: the
    /// issuance job draws indexes at random (the demo seed's too), so a fixed one may already be taken.
    /// </summary>
    public static async Task<int> FreeStatusIndexAsync(CertifyDbContext db, int bodyId, Func<int> next)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(next);
        var used = (await db.Distinctives.Where(d => d.CertifyingBodyId == bodyId).Select(d => d.StatusListIndex).ToListAsync()).ToHashSet();
        var index = next();
        while (used.Contains(index))
        {
            index = next();
        }

        return index;
    }

    /// <summary>
    /// A distinctive whose credential is really signed: a new P-256 key stored as the body's <see cref="SigningKey"/>
    /// row (its public JWK and thumbprint), and a credential stating the distinctive's code, signed with ES256.
    /// <paramref name="tamper"/> changes one byte of the payload after signing.
    /// </summary>
    public static async Task<TestDistinctive> CreateSignedDistinctiveAsync(this CertifyWebFactory factory, bool tamper = false)
    {
        using var key = SigningKeyMaterial.Create();
        var jwk = Jwk.FromKey(key);
        var bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        var did = DidWeb.ForCertifyingBody(new Uri("https://localhost"), CertifyWebFactory.DemoBodySlug);
        var kid = DidWebDocument.KeyId(did, jwk);
        await factory.WithDbAsync(async db =>
        {
            db.SigningKeys.Add(new SigningKey
            {
                CertifyingBodyId = bodyId,
                Kid = jwk.Thumbprint(),
                PublicJwk = jwk.ToJson().ToJsonString(),
                ProtectedPrivateKey = "unused-in-tests",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        var created = await factory.CreateDistinctiveAsync(new DistinctiveSpec { SigningKeyId = kid });
        var now = DateTimeOffset.UtcNow;
        var credential = CredentialBuilder.Distinctive(new DistinctiveCredentialData(
            new Uri($"https://localhost/verificar/{created.Code.Format()}"), did, "Cámara (demo)", now.AddDays(-1), now.AddYears(2),
            created.Number, created.Code.Value, "Autopartes del Bajío Demo, S.A. de C.V.", CertifyWebFactory.CompanyARfc,
            "DRL-AUTO", "Distintivo", "A", ["SUB"], new Uri("https://localhost/programas/drl-auto"),
            new StatusListSlot(new Uri("https://localhost/status/1"), 1), new StatusListSlot(new Uri("https://localhost/status/2"), 1)));
        var jwt = Es256Jws.Sign(credential, key, kid);
        if (tamper)
        {
            var parts = jwt.Split('.');
            var payload = System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]);
            payload[10] ^= 0x01;
            jwt = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(payload)}.{parts[2]}";
        }

        await factory.WithDbAsync(db => db.Distinctives.Where(d => d.Id == created.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.CredentialJwt, jwt)));
        return created;
    }

    /// <summary>A code with one symbol changed that still parses except for its check character: a typical typing error.</summary>
    public static string Mistyped(VerificationCode code)
    {
        var value = code.Value;
        var replacement = value[0] == 'A' ? 'B' : 'A';
        return replacement + value[1..];
    }
}
