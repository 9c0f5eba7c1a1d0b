namespace Certify.Web.Infrastructure;

/// <summary>
/// Whether a return address stays on this site, by the same rule as ASP.NET Core's <c>LocalRedirect</c>: a single
/// leading slash, not followed by a slash or a backslash, and no control character anywhere (a tab or a line feed
/// after the slash would let a browser read <c>/%09/evil.example</c> as another host).
/// </summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    /// <summary><paramref name="url"/> when it is local, otherwise the home page.</summary>
    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
