using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Certify.Web.Features.Distinctives.Credentials;

namespace Certify.Web.Tests.Features.Distinctives.Credentials;

public class JwkTests
{
    /// <summary>The P-256 key of RFC 7517 Appendix A.1.</summary>
    private static readonly Jwk Rfc7517Key = new("MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4", "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM");

    [Fact]
    public void Thumbprint_Rfc7517Key_KnownValue()
    {
        // SHA-256 of {"crv":"P-256","kty":"EC","x":"MKBC…","y":"4Etl…"}, computed independently (Python hashlib).
        Assert.Equal("cn-I_WNMClehiVp51i_0VpOENW1upEerA8sEam5hn-s", Rfc7517Key.Thumbprint());
    }

    [Fact]
    public void FromKey_P256_ThirtyTwoByteCoordinatesThatRoundTrip()
    {
        using var key = SigningKeyMaterial.Create();

        var jwk = Jwk.FromKey(key);

        Assert.Equal(32, Base64Url.DecodeFromChars(jwk.X).Length);
        Assert.Equal(32, Base64Url.DecodeFromChars(jwk.Y).Length);
        using var publicKey = jwk.ToPublicKey();
        Assert.Equal(jwk, Jwk.FromKey(publicKey));
    }

    [Fact]
    public void ToJson_WithKid_EcMembersAndKid()
    {
        var json = Rfc7517Key.ToJson(kid: "k1");

        Assert.Equal("""{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","kid":"k1"}""", json.ToJsonString());
        Assert.False(Rfc7517Key.ToJson().ContainsKey("kid"));
    }

    [Fact]
    public void TryFromJson_PublicP256_Read()
    {
        Assert.True(Jwk.TryFromJson(Rfc7517Key.ToJson(kid: "k1"), out var jwk));
        Assert.Equal(Rfc7517Key, jwk);
    }

    [Theory]
    [InlineData("""{"kty":"EC","crv":"P-384","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}""")]
    [InlineData("""{"kty":"RSA","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"MKBC","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":1,"y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","d":"secret"}""")]
    public void TryFromJson_NotAPublicP256Jwk_False(string json)
    {
        Assert.False(Jwk.TryFromJson(JsonNode.Parse(json)!.AsObject(), out _));
    }

    [Fact]
    public void ToPublicKey_PointNotOnTheCurve_Throws()
    {
        var bogus = new Jwk(Rfc7517Key.X, Rfc7517Key.X);

        Assert.ThrowsAny<CryptographicException>(() => bogus.ToPublicKey());
    }
}
