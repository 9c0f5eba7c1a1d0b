namespace Certify.Web.Identity;

/// <summary>A short "browser · system" name for a session's User-Agent, enough to recognise one's own devices.</summary>
public static class SessionDevice
{
    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari, Android also says Linux.
    private static readonly (string Token, string Name)[] Browsers =
        [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari")];

    private static readonly (string Token, string Name)[] Systems =
        [("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Mac OS X", "macOS"), ("Linux", "Linux")];

    /// <summary>"Firefox · Windows", or null when neither is recognised.</summary>
    public static string? Describe(string userAgent)
    {
        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        var parts = new[] { browser, system }.Where(p => p is not null).ToList();
        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }
}
