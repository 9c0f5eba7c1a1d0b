using System.Text.Json.Nodes;
using Certify.Web.Features.Distinctives.Credentials;
using Certify.Domain.Distinctives;

namespace Certify.Web.Tests.Features.Distinctives.Credentials;

public class DidWebTests
{
    [Theory]
    [InlineData("https://certify.example", "did:web:certify.example:organismos:capb-demo")]
    [InlineData("https://Certify.Example/", "did:web:certify.example:organismos:capb-demo")]
    [InlineData("https://localhost:5001", "did:web:localhost%3A5001:organismos:capb-demo")]
    [InlineData("http://localhost:5000", "did:web:localhost%3A5000:organismos:capb-demo")]
    [InlineData("https://example.org/certify/", "did:web:example.org:certify:organismos:capb-demo")]
    [InlineData("https://bücher.example", "did:web:xn--bcher-kva.example:organismos:capb-demo")]
    public void ForCertifyingBody_BaseUrl_DidOfTheBody(string baseUrl, string expected)
    {
        Assert.Equal(expected, DidWeb.ForCertifyingBody(new Uri(baseUrl), "capb-demo"));
    }

    [Theory]
    [InlineData("did:web:certify.example", "https://certify.example/.well-known/did.json")]
    [InlineData("did:web:certify.example:organismos:capb-demo", "https://certify.example/organismos/capb-demo/did.json")]
    [InlineData("did:web:localhost%3A5001:organismos:capb-demo", "https://localhost:5001/organismos/capb-demo/did.json")]
    [InlineData("did:web:localhost%3a5001", "https://localhost:5001/.well-known/did.json")]
    public void TryGetDocumentUrl_Did_HttpsDocumentAddress(string did, string expected)
    {
        Assert.True(DidWeb.TryGetDocumentUrl(did, out var url));
        Assert.Equal(expected, url.AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("did:key:z6Mk")]
    [InlineData("did:web:")]
    [InlineData("did:web:certify.example::x")]
    [InlineData("did:web:certify.example#key-1")]
    [InlineData("did:web:certify.example/path")]
    [InlineData("did:web:user@certify.example")]
    public void TryGetDocumentUrl_NotADidWeb_False(string? did)
    {
        Assert.False(DidWeb.TryGetDocumentUrl(did, out _));
    }

    [Fact]
    public void DocumentPath_BodyDid_RouteToMap()
    {
        var did = DidWeb.ForCertifyingBody(new Uri("https://localhost:5001"), "capb-demo");

        Assert.Equal("/organismos/capb-demo/did.json", DidWeb.DocumentPath(did));
    }

    [Fact]
    public void FromLocation_SegmentWithColon_PercentEncodedSoItStaysOneSegment()
    {
        var did = DidWeb.FromLocation(new Uri("https://certify.example"), "a:b");

        Assert.Equal("did:web:certify.example:a%3Ab", did);
        Assert.True(DidWeb.TryGetDocumentUrl(did, out var url));
        Assert.Equal("/a%3Ab/did.json", url.AbsolutePath);
    }
}

public class DidWebDocumentTests
{
    private const string Did = "did:web:certify.example:organismos:capb-demo";

    [Fact]
    public void Build_TwoKeys_BothPublishedAndBothMayAssert()
    {
        using var current = SigningKeyMaterial.Create();
        using var old = SigningKeyMaterial.Create();
        var currentJwk = Jwk.FromKey(current);
        var oldJwk = Jwk.FromKey(old);

        var document = DidWebDocument.Build(Did, [currentJwk, oldJwk]);

        Assert.Equal(["https://www.w3.org/ns/did/v1.1"], document["@context"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(Did, (string?)document["id"]);
        var methods = document["verificationMethod"]!.AsArray();
        Assert.Equal(2, methods.Count);
        var first = methods[0]!;
        Assert.Equal($"{Did}#{currentJwk.Thumbprint()}", (string?)first["id"]);
        Assert.Equal("JsonWebKey", (string?)first["type"]);
        Assert.Equal(Did, (string?)first["controller"]);
        Assert.Equal(currentJwk.Thumbprint(), (string?)first["publicKeyJwk"]!["kid"]);
        Assert.Equal(
            [DidWebDocument.KeyId(Did, currentJwk), DidWebDocument.KeyId(Did, oldJwk)],
            document["assertionMethod"]!.AsArray().Select(a => (string?)a));
        Assert.DoesNotContain("\"d\"", document.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SameKeyTwice_PublishedOnce()
    {
        using var key = SigningKeyMaterial.Create();

        var document = DidWebDocument.Build(Did, [Jwk.FromKey(key), Jwk.FromKey(key)]);

        Assert.Single(document["verificationMethod"]!.AsArray());
    }

    [Fact]
    public void Build_NoKeys_Throws()
    {
        Assert.Throws<ArgumentException>(() => DidWebDocument.Build(Did, []));
    }

    [Fact]
    public void TryFindAssertionKey_KidOfAPublishedKey_ThatKey()
    {
        using var current = SigningKeyMaterial.Create();
        using var old = SigningKeyMaterial.Create();
        var document = JsonNode.Parse(DidWebDocument.Build(Did, [Jwk.FromKey(current), Jwk.FromKey(old)]).ToJsonString())!.AsObject();

        Assert.True(DidWebDocument.TryFindAssertionKey(document, DidWebDocument.KeyId(Did, Jwk.FromKey(old)), out var found));
        Assert.Equal(Jwk.FromKey(old), found);
    }

    [Fact]
    public void TryFindAssertionKey_UnknownOrNotForAssertion_False()
    {
        using var key = SigningKeyMaterial.Create();
        using var other = SigningKeyMaterial.Create();
        var document = DidWebDocument.Build(Did, [Jwk.FromKey(key)]);
        var kid = DidWebDocument.KeyId(Did, Jwk.FromKey(key));

        Assert.False(DidWebDocument.TryFindAssertionKey(document, DidWebDocument.KeyId(Did, Jwk.FromKey(other)), out _));
        Assert.False(DidWebDocument.TryFindAssertionKey(document, null, out _));
        document["assertionMethod"] = new JsonArray();
        Assert.False(DidWebDocument.TryFindAssertionKey(document, kid, out _));
    }
}
