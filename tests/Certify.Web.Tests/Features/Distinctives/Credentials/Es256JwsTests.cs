using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Certify.Web.Features.Distinctives.Credentials;

namespace Certify.Web.Tests.Features.Distinctives.Credentials;

public class Es256JwsTests : IDisposable
{
    private const string Kid = "did:web:certify.example:organismos:capb-demo#abc";
    private readonly ECDsa _key = SigningKeyMaterial.Create();

    public void Dispose()
    {
        _key.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Sign_Always_ExactHeaderAndSixtyFourByteSignature()
    {
        var jws = Es256Jws.Sign(new JsonObject { ["a"] = 1 }, _key, Kid);

        var parts = jws.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal(
            """{"alg":"ES256","typ":"vc+jwt","cty":"vc","kid":"did:web:certify.example:organismos:capb-demo#abc"}""",
            Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])));
        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])));
        Assert.Equal(64, Base64Url.DecodeFromChars(parts[2]).Length);
        Assert.DoesNotContain('=', jws);
    }

    [Fact]
    public void TryVerify_Signed_ReturnsHeaderAndPayload()
    {
        var jws = Es256Jws.Sign(new JsonObject { ["nombre"] = "Bajío" }, _key, Kid);

        Assert.True(Es256Jws.TryVerify(jws, _key, out var verified));
        Assert.Equal(new JwsHeader("ES256", "vc+jwt", "vc", Kid), verified.Header);
        Assert.Equal("Bajío", (string?)verified.PayloadJson()!["nombre"]);
    }

    [Fact]
    public void TryVerify_PublicKeyOnly_Verifies()
    {
        var jws = Es256Jws.Sign(new JsonObject { ["a"] = 1 }, _key, Kid);
        using var publicKey = Jwk.FromKey(_key).ToPublicKey();

        Assert.True(Es256Jws.TryVerify(jws, publicKey, out _));
    }

    [Fact]
    public void TryVerify_AnyCharacterOfPayloadOrSignatureChanged_Rejected()
    {
        var jws = Es256Jws.Sign(new JsonObject { ["a"] = 1 }, _key, Kid);
        var firstPayloadChar = jws.IndexOf('.', StringComparison.Ordinal) + 1;

        foreach (var position in new[] { firstPayloadChar, firstPayloadChar + 2, jws.Length - 5, 3 })
        {
            var changed = jws.ToCharArray();
            changed[position] = changed[position] == 'A' ? 'B' : 'A';

            Assert.False(Es256Jws.TryVerify(new string(changed), _key, out _), $"position {position}");
        }
    }

    [Fact]
    public void TryVerify_OtherKey_Rejected()
    {
        using var other = SigningKeyMaterial.Create();
        var jws = Es256Jws.Sign(new JsonObject { ["a"] = 1 }, _key, Kid);

        Assert.False(Es256Jws.TryVerify(jws, other, out _));
    }

    [Fact]
    public void TryVerify_AlgNone_Rejected()
    {
        var header = Base64Url.EncodeToString("""{"alg":"none"}"""u8);
        var payload = Base64Url.EncodeToString("""{"a":1}"""u8);

        Assert.False(Es256Jws.TryVerify($"{header}.{payload}.", _key, out _));
    }

    [Fact]
    public void TryVerify_CriticalHeader_Rejected()
    {
        var jws = SignRaw("""{"alg":"ES256","crit":["exp"],"exp":1}""", """{"a":1}""", DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        Assert.False(Es256Jws.TryVerify(jws, _key, out _));
    }

    [Fact]
    public void TryVerify_DerEncodedSignature_Rejected()
    {
        var jws = SignRaw("""{"alg":"ES256"}""", """{"a":1}""", DSASignatureFormat.Rfc3279DerSequence);

        Assert.False(Es256Jws.TryVerify(jws, _key, out _));
    }

    [Fact]
    public void TryVerify_HeaderWithoutTypOrKid_VerifiesWithNulls()
    {
        var jws = SignRaw("""{"alg":"ES256"}""", """{"a":1}""", DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        Assert.True(Es256Jws.TryVerify(jws, _key, out var verified));
        Assert.Equal(new JwsHeader("ES256", null, null, null), verified.Header);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("!!.e30.AA")]
    [InlineData("e30.e30.AA")] // {} has no alg
    [InlineData("W10.e30.AA")] // [] is not an object
    [InlineData("eyJhbGciOjF9.e30.AA")] // {"alg":1}
    public void TryReadHeader_NotACompactJws_False(string? text)
    {
        Assert.False(Es256Jws.TryReadHeader(text, out _));
        Assert.False(Es256Jws.TryVerify(text, _key, out _));
    }

    [Fact]
    public void Sign_NotP256Key_Throws()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<CryptographicException>(() => Es256Jws.Sign(new JsonObject(), p384, Kid));
    }

    private string SignRaw(string header, string payload, DSASignatureFormat format)
    {
        var input = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, format);
        return $"{input}.{Base64Url.EncodeToString(signature)}";
    }
}
