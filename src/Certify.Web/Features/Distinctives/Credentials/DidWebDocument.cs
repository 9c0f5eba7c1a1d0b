using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Certify.Web.Features.Distinctives.Credentials;

/// <summary>
/// The DID document a certifying body publishes at its did:web address: one verification method per signing key,
/// each of type <c>JsonWebKey</c> with its <c>publicKeyJwk</c>, and every one of them listed in
/// <c>assertionMethod</c> (the relationship that lets a key issue credentials).
/// </summary>
/// <remarks>
/// <para>
/// The <c>@context</c> is DID Core v1.1's, which defines <c>JsonWebKey</c> (from W3C Controlled Identifiers 1.0), so no
/// second context is needed. A verification method's id is <c>{did}#{RFC 7638 thumbprint}</c>; credentials name it in
/// their JWS <c>kid</c> header, and the JWK inside carries the bare thumbprint as its own <c>kid</c>.
/// </para>
/// <para>
/// Rotation: pass the current key first and every earlier key that signed credentials still in force. Old keys
/// stay published, so what they signed keeps verifying; a key is left out only when it must stop verifying
/// (e.g. it leaked).
/// </para>
/// </remarks>
public static class DidWebDocument
{
    /// <summary>The DID Core 1.1 JSON-LD context.</summary>
    public const string DidContext = "https://www.w3.org/ns/did/v1.1";

    /// <summary>Verification method type for a key given as a JWK.</summary>
    public const string VerificationMethodType = "JsonWebKey";

    /// <summary>The id of <paramref name="key"/>'s verification method, used as the JWS <c>kid</c>.</summary>
    public static string KeyId(string did, Jwk key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(did);
        ArgumentNullException.ThrowIfNull(key);
        return $"{did}#{key.Thumbprint()}";
    }

    /// <summary>The DID document of <paramref name="did"/> publishing <paramref name="keys"/> (current key first).</summary>
    public static JsonObject Build(string did, IEnumerable<Jwk> keys)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(did);
        ArgumentNullException.ThrowIfNull(keys);
        var distinct = keys.DistinctBy(k => k.Thumbprint()).ToList();
        if (distinct.Count == 0)
        {
            throw new ArgumentException("A DID document needs at least one key.", nameof(keys));
        }

        var methods = new JsonArray();
        var assertion = new JsonArray();
        foreach (var key in distinct)
        {
            var id = KeyId(did, key);
            methods.Add(new JsonObject
            {
                ["id"] = id,
                ["type"] = VerificationMethodType,
                ["controller"] = did,
                ["publicKeyJwk"] = key.ToJson(kid: key.Thumbprint()),
            });
            assertion.Add(id);
        }

        return new JsonObject
        {
            ["@context"] = new JsonArray(DidContext),
            ["id"] = did,
            ["verificationMethod"] = methods,
            ["assertionMethod"] = assertion,
        };
    }

    /// <summary>
    /// The key a verifier should use for <paramref name="kid"/>: the verification method with that id, if the
    /// document lists it under <c>assertionMethod</c> and its JWK is a public P-256 key.
    /// </summary>
    public static bool TryFindAssertionKey(JsonObject document, string? kid, [NotNullWhen(true)] out Jwk? key)
    {
        ArgumentNullException.ThrowIfNull(document);
        key = null;
        if (kid is null
            || document["assertionMethod"] is not JsonArray assertion
            || !assertion.Any(a => a is JsonValue v && v.TryGetValue<string>(out var s) && s == kid)
            || document["verificationMethod"] is not JsonArray methods)
        {
            return false;
        }

        var method = methods.OfType<JsonObject>().FirstOrDefault(m => m["id"] is JsonValue id && id.TryGetValue<string>(out var s) && s == kid);
        return method is not null && Jwk.TryFromJson(method["publicKeyJwk"] as JsonObject, out key);
    }
}
