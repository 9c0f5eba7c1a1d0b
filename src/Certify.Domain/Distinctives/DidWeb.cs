using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Certify.Domain.Distinctives;

/// <summary>
/// did:web identifiers (https://w3c-ccg.github.io/did-method-web/) and the HTTPS address of their DID document.
/// </summary>
/// <remarks>
/// The mapping, both ways: the host (lower case, IDN as punycode) comes first; a port is written with its colon
/// percent-encoded (<c>%3A</c>); each path segment follows after a colon; the document is <c>did.json</c> under
/// that path, or <c>/.well-known/did.json</c> when there is no path. The scheme is always https.
/// <list type="bullet">
/// <item><c>did:web:certify.example</c> ↔ <c>https://certify.example/.well-known/did.json</c></item>
/// <item><c>did:web:certify.example:organismos:capb-demo</c> ↔ <c>https://certify.example/organismos/capb-demo/did.json</c></item>
/// <item><c>did:web:localhost%3A5001:organismos:capb-demo</c> ↔ <c>https://localhost:5001/organismos/capb-demo/did.json</c></item>
/// </list>
/// A certifying body's DID is <see cref="ForCertifyingBody"/>: the public base address of the app (with any path
/// base), then <c>organismos</c> and the body's slug.
/// </remarks>
public static class DidWeb
{
    /// <summary>The method prefix.</summary>
    public const string Prefix = "did:web:";

    /// <summary>The path segment under which certifying bodies publish their DID documents.</summary>
    public const string BodiesSegment = "organismos";

    /// <summary>The file name of a DID document under its path.</summary>
    public const string DocumentName = "did.json";

    /// <summary>The DID of the certifying body <paramref name="slug"/> for an app served at <paramref name="publicBaseUrl"/>.</summary>
    public static string ForCertifyingBody(Uri publicBaseUrl, string slug)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        return FromLocation(publicBaseUrl, BodiesSegment, slug);
    }

    /// <summary>
    /// The DID for a host and path: the host and port of <paramref name="baseUrl"/>, its path segments (a path base),
    /// then <paramref name="segments"/>. Segments are percent-encoded, so a colon in one cannot split it.
    /// </summary>
    public static string FromLocation(Uri baseUrl, params string[] segments)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(segments);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The base address must be absolute.", nameof(baseUrl));
        }

        var authority = baseUrl.IdnHost.ToLowerInvariant();
        if (!baseUrl.IsDefaultPort)
        {
            authority += "%3A" + baseUrl.Port.ToString(CultureInfo.InvariantCulture);
        }

        var path = baseUrl.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Uri.UnescapeDataString)
            .Concat(segments)
            .Select(segment => string.IsNullOrEmpty(segment)
                ? throw new ArgumentException("A path segment cannot be empty.", nameof(segments))
                : Uri.EscapeDataString(segment));
        return string.Join(':', [Prefix + authority, .. path]);
    }

    /// <summary>
    /// The HTTPS address of the DID document of <paramref name="did"/>; false when it is not a well-formed did:web
    /// (a DID URL with a fragment, query or path is not a DID).
    /// </summary>
    public static bool TryGetDocumentUrl(string? did, [NotNullWhen(true)] out Uri? documentUrl)
    {
        documentUrl = null;
        if (did is null || !did.StartsWith(Prefix, StringComparison.Ordinal) || did.IndexOfAny(['#', '?', '/']) >= 0)
        {
            return false;
        }

        var parts = did[Prefix.Length..].Split(':');
        if (parts.Any(string.IsNullOrEmpty))
        {
            return false;
        }

        var authority = parts[0].Replace("%3A", ":", StringComparison.OrdinalIgnoreCase);
        var path = parts.Length == 1
            ? "/.well-known/" + DocumentName
            : "/" + string.Join('/', parts[1..]) + "/" + DocumentName;
        return Uri.TryCreate($"https://{authority}{path}", UriKind.Absolute, out documentUrl)
            && documentUrl.Authority.Equals(authority, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The site path of the DID document (what the app maps a route to), e.g. <c>/organismos/capb-demo/did.json</c>.</summary>
    public static string DocumentPath(string did) =>
        TryGetDocumentUrl(did, out var url) ? url.AbsolutePath : throw new FormatException($"'{did}' is not a did:web identifier.");
}
