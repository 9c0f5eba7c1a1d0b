using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives;
using Certify.Web.Features.Distinctives.Credentials;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using IntegrityException = Jose.IntegrityException;
using JwsAlgorithm = Jose.JwsAlgorithm;
using JWT = Jose.JWT;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>
/// What an outside verifier sees: credentials checked by jose-jwt with nothing but the served DID document, and the
/// served status lists, over HTTP without an account.
/// </summary>
public sealed class DistinctiveDocumentEndpointsTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string Slug = CertifyWebFactory.DemoBodySlug;

    [Fact]
    public async Task Credential_VerifiesWithOnlyTheServedDidDocument_AndOneChangedPayloadByteFails()
    {
        var distinctive = await IssuedAsync("Verificación DID");
        var client = factory.CreateClient();

        using var response = await client.GetAsync($"/organismos/{Slug}/did.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DistinctiveDocumentEndpoints.DidMediaType, response.Content.Headers.ContentType?.MediaType);
        var key = await DistinctiveTestData.KeyFromServedDidDocumentAsync(client, Slug, distinctive.CredentialJwt);
        var payload = JsonNode.Parse(JWT.Decode(distinctive.CredentialJwt, key, JwsAlgorithm.ES256))!;

        Assert.Equal(distinctive.Number, (string?)payload["credentialSubject"]!["achievement"]!["number"]);
        Assert.Equal(distinctive.Rfc, (string?)payload["credentialSubject"]!["rfc"]);
        Assert.Equal("vc+jwt", JWT.Headers(distinctive.CredentialJwt)["typ"]);
        var did = (string)payload["issuer"]!["id"]!;
        Assert.Equal($"/organismos/{Slug}/did.json", DidWeb.DocumentPath(did));

        var parts = distinctive.CredentialJwt.Split('.');
        var bytes = Base64Url.DecodeFromChars(parts[1]);
        var at = Encoding.UTF8.GetString(bytes).IndexOf(distinctive.Number, StringComparison.Ordinal);
        bytes[at + distinctive.Number.Length - 1] ^= 0x01;
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(bytes)}.{parts[2]}";
        Assert.Throws<IntegrityException>(() => JWT.Decode(tampered, key, JwsAlgorithm.ES256));
    }

    [Fact]
    public async Task RotateAsync_OldCredentialStillVerifies_AndNewOnesUseTheNewKey()
    {
        var before = await IssuedAsync("Rotación Antes");
        var bodyId = await factory.BodyIdAsync(Slug);
        await factory.Services.GetRequiredService<SigningKeyStore>().RotateAsync(bodyId, CancellationToken.None);
        var after = await IssuedAsync("Rotación Después");
        var client = factory.CreateClient();

        Assert.NotEqual(before.SigningKeyId, after.SigningKeyId);
        foreach (var jwt in new[] { before.CredentialJwt, after.CredentialJwt })
        {
            var key = await DistinctiveTestData.KeyFromServedDidDocumentAsync(client, Slug, jwt);
            Assert.NotNull(JWT.Decode(jwt, key, JwsAlgorithm.ES256));
        }

        var published = await factory.Services.GetRequiredService<SigningKeyStore>().PublishedAsync(bodyId, CancellationToken.None);
        var did = factory.Services.GetRequiredService<DistinctiveUrls>().Did(Slug);
        Assert.Equal(after.SigningKeyId, DidWebDocument.KeyId(did, published[0]));
        Assert.Contains(published, k => DidWebDocument.KeyId(did, k) == before.SigningKeyId);
    }

    [Fact]
    public async Task CurrentAsync_ConcurrentFirstUse_CreatesOneKeyThatEveryCallerUses()
    {
        var bodyId = await factory.CreateBodyAsync("llaves-concurrentes", "Llaves concurrentes");
        var store = factory.Services.GetRequiredService<SigningKeyStore>();

        var keys = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.CurrentAsync(bodyId, CancellationToken.None))));

        Assert.Single(keys.Select(k => k.Thumbprint).Distinct());
        Assert.Equal(1, await factory.WithDbAsync(db => db.SigningKeys.CountAsync(k => k.CertifyingBodyId == bodyId)));
        var stored = await factory.WithDbAsync(db => db.SigningKeys.AsNoTracking().SingleAsync(k => k.CertifyingBodyId == bodyId));
        Assert.DoesNotContain("PRIVATE", stored.ProtectedPrivateKey, StringComparison.Ordinal);
        Assert.DoesNotContain("\"d\"", stored.PublicJwk, StringComparison.Ordinal);
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }

    [Fact]
    public async Task StatusLists_RevokingSetsTheRevocationBitOnly_SignedAndCached()
    {
        var distinctive = await IssuedAsync("Lista de Estado");
        var client = factory.CreateClient();
        Assert.False(await BitAsync(client, CredentialBuilder.RevocationPurpose, distinctive.StatusListIndex));

        await factory.WithDbAsync(db => db.Distinctives.Where(d => d.Id == distinctive.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RevokedAt, DateTimeOffset.UtcNow)));

        Assert.True(await BitAsync(client, CredentialBuilder.RevocationPurpose, distinctive.StatusListIndex));
        Assert.False(await BitAsync(client, CredentialBuilder.SuspensionPurpose, distinctive.StatusListIndex));
    }

    [Fact]
    public async Task StatusLists_SuspendingSetsTheSuspensionBit()
    {
        var distinctive = await IssuedAsync("Lista Suspensión");
        var client = factory.CreateClient();

        await factory.WithDbAsync(db => db.Distinctives.Where(d => d.Id == distinctive.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.SuspendedAt, DateTimeOffset.UtcNow)));

        Assert.True(await BitAsync(client, CredentialBuilder.SuspensionPurpose, distinctive.StatusListIndex));
    }

    [Theory]
    [InlineData("/organismos/no-existe/did.json")]
    [InlineData("/organismos/no-existe/estado/revocation")]
    [InlineData("/organismos/" + Slug + "/estado/otra-cosa")]
    public async Task Documents_UnknownBodyOrPurpose_NotFound(string url)
    {
        using var response = await factory.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>GETs the list anonymously, checks its headers and signature with jose-jwt, and reads one bit.</summary>
    private async Task<bool> BitAsync(HttpClient client, string purpose, int index)
    {
        using var response = await client.GetAsync($"/organismos/{Slug}/estado/{purpose}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vc+jwt", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        var jwt = await response.Content.ReadAsStringAsync();
        var credential = JsonNode.Parse(JWT.Decode(jwt, await DistinctiveTestData.KeyFromServedDidDocumentAsync(client, Slug, jwt), JwsAlgorithm.ES256))!;
        Assert.Equal(purpose, (string?)credential["credentialSubject"]!["statusPurpose"]);
        Assert.Equal($"/organismos/{Slug}/estado/{purpose}", new Uri((string)credential["id"]!).AbsolutePath);
        return BitstringStatusList.Decode((string)credential["credentialSubject"]!["encodedList"]!).Get(index);
    }

    private async Task<Certify.Data.Entities.Distinctive> IssuedAsync(string tradeName)
    {
        var (_, id) = await factory.ApprovedAsync(tradeName);
        await factory.IssueAsync(id);
        return Assert.Single(await factory.DistinctivesAsync(id));
    }
}
