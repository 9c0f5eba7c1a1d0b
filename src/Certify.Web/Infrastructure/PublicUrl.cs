using Microsoft.AspNetCore.WebUtilities;

namespace Certify.Web.Infrastructure;

/// <summary>
/// The app's public address from <c>App:PublicUrl</c>, for links that leave the request: e-mails sent by jobs,
/// notifications, signed credentials and printed certificates.
/// </summary>
public static class PublicUrl
{
    public const string Default = "http://localhost:5180";

    /// <summary>The base address without a trailing slash.</summary>
    public static string Base(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration["App:PublicUrl"] ?? Default).TrimEnd('/');
    }

    /// <summary>
    /// An absolute link to <paramref name="relativePath"/> on the public address, with the query values that are not
    /// null. Every link an e-mail carries is built here, never from the request's Host header.
    /// </summary>
    public static string Link(IConfiguration configuration, string relativePath, IReadOnlyDictionary<string, string?> query)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        ArgumentNullException.ThrowIfNull(query);
        return QueryHelpers.AddQueryString(
            $"{Base(configuration)}/{relativePath.TrimStart('/')}",
            query.Where(p => p.Value is not null));
    }
}
