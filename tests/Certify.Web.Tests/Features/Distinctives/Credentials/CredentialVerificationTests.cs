using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives.Credentials;
using IntegrityException = Jose.IntegrityException;
using JoseJwk = Jose.Jwk;
using JwsAlgorithm = Jose.JwsAlgorithm;
using JWT = Jose.JWT;

namespace Certify.Web.Tests.Features.Distinctives.Credentials;

/// <summary>
/// A credential signed by our code is checked by jose-jwt, a JOSE library that shares none of it, with nothing but
/// the key found in the served DID document.
/// </summary>
public class CredentialVerificationTests : IDisposable
{
    private static readonly Uri BaseUrl = new("https://certify.example");
    private readonly ECDsa _oldKey = SigningKeyMaterial.Create();
    private readonly ECDsa _currentKey = SigningKeyMaterial.Create();
    private readonly string _did = DidWeb.ForCertifyingBody(BaseUrl, "capb-demo");

    public void Dispose()
    {
        _oldKey.Dispose();
        _currentKey.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Verify_WithOnlyTheServedDidDocument_JoseJwtAcceptsAndReadsTheCredential()
    {
        var (jws, credential) = SignedCredential(_currentKey);

        var payload = JWT.Decode(jws, KeyFromServedDocument(jws), JwsAlgorithm.ES256);

        Assert.True(JsonNode.DeepEquals(credential, JsonNode.Parse(payload)));
        var parsed = JsonNode.Parse(payload)!;
        Assert.Equal("Autopartes del Bajío, S.A. de C.V.", (string?)parsed["credentialSubject"]!["legalName"]);
        Assert.Null(parsed["vc"]);
    }

    [Fact]
    public void Verify_CredentialSignedWithARotatedOutKey_StillVerifies()
    {
        var (jws, _) = SignedCredential(_oldKey);

        var payload = JWT.Decode(jws, KeyFromServedDocument(jws), JwsAlgorithm.ES256);

        Assert.Contains("DRL-AUTO-2026-00042", payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_SignedCredential_Es256VcJwtVcAndTheDidUrlOfTheKey()
    {
        var (jws, _) = SignedCredential(_currentKey);

        var headers = JWT.Headers(jws);

        Assert.Equal("ES256", headers["alg"]);
        Assert.Equal("vc+jwt", headers["typ"]);
        Assert.Equal("vc", headers["cty"]);
        Assert.Equal(DidWebDocument.KeyId(_did, Jwk.FromKey(_currentKey)), headers["kid"]);
        Assert.StartsWith(_did + "#", (string)headers["kid"], StringComparison.Ordinal);
        Assert.Equal(4, headers.Count);
    }

    [Fact]
    public void Verify_OnePayloadByteChanged_JoseJwtRejects()
    {
        var (jws, _) = SignedCredential(_currentKey);
        var key = KeyFromServedDocument(jws);
        var parts = jws.Split('.');
        var payload = Base64Url.DecodeFromChars(parts[1]);
        var at = Encoding.UTF8.GetString(payload).IndexOf("00042", StringComparison.Ordinal);
        payload[at + 4] = (byte)'3';
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(payload)}.{parts[2]}";

        Assert.Throws<IntegrityException>(() => JWT.Decode(tampered, key, JwsAlgorithm.ES256));
        Assert.False(Es256Jws.TryVerify(tampered, _currentKey, out _));
    }

    [Fact]
    public void Verify_SignedByAnotherKey_JoseJwtRejects()
    {
        var (jws, _) = SignedCredential(_currentKey);
        var otherDocument = DidWebDocument.Build(_did, [Jwk.FromKey(_oldKey)]);
        var oldJwk = otherDocument["verificationMethod"]![0]!["publicKeyJwk"]!.ToJsonString();

        Assert.Throws<IntegrityException>(() =>
            JWT.Decode(jws, JoseJwk.FromJson(oldJwk, JWT.DefaultSettings.JsonMapper), JwsAlgorithm.ES256));
    }

    [Fact]
    public void Verify_StatusListCredential_JoseJwtAcceptsAndTheBitIsSet()
    {
        var list = new BitstringStatusList();
        list.Set(94_567, true);
        var listUrl = new Uri("https://certify.example/organismos/capb-demo/estado/revocacion");
        var listCredential = CredentialBuilder.StatusList(
            listUrl, _did, "CAPB Demo", CredentialBuilder.RevocationPurpose, list.Encode(), new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var jws = Es256Jws.Sign(listCredential, _currentKey, DidWebDocument.KeyId(_did, Jwk.FromKey(_currentKey)));

        var payload = JsonNode.Parse(JWT.Decode(jws, KeyFromServedDocument(jws), JwsAlgorithm.ES256))!;

        var served = BitstringStatusList.Decode((string)payload["credentialSubject"]!["encodedList"]!);
        Assert.True(served.Get(94_567));
        Assert.False(served.Get(94_566));
    }

    [Fact]
    public void TryVerify_TokenSignedByJoseJwt_OurVerifierAccepts()
    {
        var kid = DidWebDocument.KeyId(_did, Jwk.FromKey(_currentKey));
        var token = JWT.Encode(
            """{"hello":"mundo"}""",
            _currentKey,
            JwsAlgorithm.ES256,
            new Dictionary<string, object> { ["typ"] = "vc+jwt", ["cty"] = "vc", ["kid"] = kid });

        Assert.True(Es256Jws.TryVerify(token, _currentKey, out var verified));
        Assert.Equal("mundo", (string?)verified.PayloadJson()!["hello"]);
        Assert.Equal(kid, verified.Header.Kid);
    }

    /// <summary>What a verifier does: fetch the DID document as text, find the kid, build a JWK with jose-jwt.</summary>
    private JoseJwk KeyFromServedDocument(string jws)
    {
        var servedText = DidWebDocument.Build(_did, [Jwk.FromKey(_currentKey), Jwk.FromKey(_oldKey)]).ToJsonString();
        var document = JsonNode.Parse(servedText)!.AsObject();
        var kid = (string)JWT.Headers(jws)["kid"];
        Assert.Contains(document["assertionMethod"]!.AsArray(), a => (string?)a == kid);
        var method = document["verificationMethod"]!.AsArray().Single(m => (string?)m!["id"] == kid)!;
        return JoseJwk.FromJson(method["publicKeyJwk"]!.ToJsonString(), JWT.DefaultSettings.JsonMapper);
    }

    private (string Jws, JsonObject Credential) SignedCredential(ECDsa key)
    {
        var credential = CredentialBuilder.Distinctive(CredentialBuilderTests.SampleData(_did));
        return (Es256Jws.Sign(credential, key, DidWebDocument.KeyId(_did, Jwk.FromKey(key))), credential);
    }
}
