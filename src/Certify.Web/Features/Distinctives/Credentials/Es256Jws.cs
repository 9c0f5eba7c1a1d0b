using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Certify.Web.Features.Distinctives.Credentials;

/// <summary>The protected header of a JWS.</summary>
public sealed record JwsHeader(string Alg, string? Typ, string? Cty, string? Kid);

/// <summary>A JWS whose signature checked: its header and the payload bytes exactly as signed.</summary>
public sealed record VerifiedJws(JwsHeader Header, byte[] Payload)
{
    /// <summary>The payload parsed as JSON.</summary>
    public JsonNode? PayloadJson() => JsonNode.Parse(Payload);
}

/// <summary>
/// Compact JWS (RFC 7515) with ES256 (RFC 7518 §3.4: ECDSA on P-256 with SHA-256, the signature being r‖s, 32 bytes
/// each, which .NET calls IEEE P1363), as VC-JOSE-COSE secures a credential: header
/// <c>{"alg":"ES256","typ":"vc+jwt","cty":"vc","kid":…}</c> and the credential itself as the payload (no <c>vc</c>
/// claim, no JWT registered claims).
/// </summary>
public static class Es256Jws
{
    /// <summary>The only algorithm signed and accepted.</summary>
    public const string Algorithm = "ES256";

    /// <summary><c>typ</c> of a credential secured with JOSE.</summary>
    public const string CredentialType = "vc+jwt";

    /// <summary><c>cty</c> of a credential secured with JOSE.</summary>
    public const string CredentialContentType = "vc";

    /// <summary>Media type to serve a secured credential with.</summary>
    public const string MediaType = "application/vc+jwt";

    private const int SignatureBytes = 64;

    /// <summary>
    /// JSON written for headers and payloads: compact, escaping only what JSON requires, so <c>vc+jwt</c> and
    /// accented company names stay as they are. The relaxed encoder is safe here because the JSON travels
    /// base64url-encoded; a page that shows a decoded credential must HTML-encode it like any other text.
    /// </summary>
    public static JsonSerializerOptions PayloadJsonOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Signs <paramref name="payload"/> serialized with <see cref="PayloadJsonOptions"/>.</summary>
    public static string Sign(JsonNode payload, ECDsa key, string kid)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Sign(Encoding.UTF8.GetBytes(payload.ToJsonString(PayloadJsonOptions)), key, kid);
    }

    /// <summary>Signs <paramref name="payload"/> as a credential (<c>typ</c> vc+jwt, <c>cty</c> vc) with the key <paramref name="kid"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> payload, ECDsa key, string kid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kid);
        SigningKeyMaterial.EnsureP256(key);

        var header = Base64Url.EncodeToString(HeaderJson(kid));
        var signingInput = $"{header}.{Base64Url.EncodeToString(payload)}";
        var signature = key.SignData(
            Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>
    /// Reads the header without checking anything else, to find the key (<c>kid</c>) to verify with. False when the
    /// text is not a compact JWS with a JSON object header that names an algorithm.
    /// </summary>
    public static bool TryReadHeader(string? compact, [NotNullWhen(true)] out JwsHeader? header)
    {
        header = null;
        var parts = compact?.Split('.');
        return parts is { Length: 3 } && TryParseHeader(parts[0], out header, out _);
    }

    /// <summary>
    /// Verifies a compact JWS with <paramref name="publicKey"/>. Only <c>ES256</c> is accepted (never <c>none</c> nor
    /// an algorithm the header chooses), a <c>crit</c> header is refused since no extension is understood (RFC 7515
    /// §4.1.11), and the signature must be the 64-byte r‖s form. <c>typ</c> is returned, not checked: callers that
    /// need a credential check <see cref="JwsHeader.Typ"/> against <see cref="CredentialType"/>.
    /// </summary>
    public static bool TryVerify(string? compact, ECDsa publicKey, [NotNullWhen(true)] out VerifiedJws? verified)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        verified = null;
        var parts = compact?.Split('.');
        if (parts is not { Length: 3 }
            || !SigningKeyMaterial.IsP256(publicKey)
            || !TryParseHeader(parts[0], out var header, out var critical) || critical || header.Alg != Algorithm
            || !TryDecode(parts[1], out var payload)
            || !TryDecode(parts[2], out var signature) || signature.Length != SignatureBytes)
        {
            return false;
        }

        var signingInput = Encoding.ASCII.GetBytes(compact![..(parts[0].Length + 1 + parts[1].Length)]);
        if (!publicKey.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return false;
        }

        verified = new VerifiedJws(header, payload);
        return true;
    }

    private static byte[] HeaderJson(string kid)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = PayloadJsonOptions.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", Algorithm);
            writer.WriteString("typ", CredentialType);
            writer.WriteString("cty", CredentialContentType);
            writer.WriteString("kid", kid);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static bool TryParseHeader(string part, [NotNullWhen(true)] out JwsHeader? header, out bool critical)
    {
        header = null;
        critical = false;
        if (!TryDecode(part, out var bytes))
        {
            return false;
        }

        try
        {
            if (JsonNode.Parse(bytes) is not JsonObject json
                || !TryString(json, "alg", out var alg) || alg is null
                || !TryString(json, "typ", out var typ)
                || !TryString(json, "cty", out var cty)
                || !TryString(json, "kid", out var kid))
            {
                return false;
            }

            header = new JwsHeader(alg, typ, cty, kid);
            critical = json.ContainsKey("crit");
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryString(JsonObject json, string name, out string? value)
    {
        value = null;
        if (!json.TryGetPropertyValue(name, out var node) || node is null)
        {
            return true;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        value = node.GetValue<string>();
        return true;
    }

    private static bool TryDecode(string part, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        try
        {
            bytes = Base64Url.DecodeFromChars(part);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
