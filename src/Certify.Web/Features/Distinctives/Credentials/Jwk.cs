using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Certify.Web.Features.Distinctives.Credentials;

/// <summary>
/// A P-256 public key as a JSON Web Key (RFC 7517/7518): <c>{"kty":"EC","crv":"P-256","x":…,"y":…}</c>, with the
/// coordinates as 32-byte big-endian base64url values.
/// </summary>
/// <param name="X">The x coordinate, base64url without padding.</param>
/// <param name="Y">The y coordinate, base64url without padding.</param>
public sealed record Jwk(string X, string Y)
{
    /// <summary>Key type of elliptic-curve keys.</summary>
    public const string KeyType = "EC";

    /// <summary>The curve name JOSE uses for P-256.</summary>
    public const string Curve = "P-256";

    private const int CoordinateBytes = 32;

    /// <summary>The public part of <paramref name="key"/>.</summary>
    public static Jwk FromKey(ECDsa key)
    {
        SigningKeyMaterial.EnsureP256(key);
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return new Jwk(Base64Url.EncodeToString(point.X), Base64Url.EncodeToString(point.Y));
    }

    /// <summary>
    /// The RFC 7638 thumbprint: base64url of the SHA-256 of <c>{"crv":…,"kty":…,"x":…,"y":…}</c>, members in that
    /// (lexicographic) order, no whitespace. The values are base64url, which needs no JSON escaping. Used as the key id.
    /// </summary>
    public string Thumbprint()
    {
        var canonical = $$"""{"crv":"{{Curve}}","kty":"{{KeyType}}","x":"{{X}}","y":"{{Y}}"}""";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The JWK as JSON, with <c>kid</c> when given.</summary>
    public JsonObject ToJson(string? kid = null)
    {
        var json = new JsonObject { ["kty"] = KeyType, ["crv"] = Curve, ["x"] = X, ["y"] = Y };
        if (kid is not null)
        {
            json["kid"] = kid;
        }

        return json;
    }

    /// <summary>
    /// Reads a public P-256 JWK; false for any other key type or curve, bad coordinates, or a JWK that carries the
    /// private member <c>d</c> (a published document must never hold one).
    /// </summary>
    public static bool TryFromJson(JsonObject? json, [NotNullWhen(true)] out Jwk? jwk)
    {
        jwk = null;
        if (json is null
            || json["kty"]?.GetValueKind() != JsonValueKind.String || (string?)json["kty"] != KeyType
            || json["crv"]?.GetValueKind() != JsonValueKind.String || (string?)json["crv"] != Curve
            || json.ContainsKey("d")
            || !TryCoordinate(json["x"], out var x)
            || !TryCoordinate(json["y"], out var y))
        {
            return false;
        }

        jwk = new Jwk(x, y);
        return true;
    }

    /// <summary>An <see cref="ECDsa"/> holding this public key; throws when the point is not on the curve.</summary>
    public ECDsa ToPublicKey() => ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = Base64Url.DecodeFromChars(X), Y = Base64Url.DecodeFromChars(Y) },
    });

    private static bool TryCoordinate(JsonNode? node, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (node?.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        var text = node.GetValue<string>();
        Span<byte> bytes = stackalloc byte[CoordinateBytes + 3];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != CoordinateBytes)
        {
            return false;
        }

        value = text;
        return true;
    }
}
