namespace Certify.Domain.Accounts;

/// <summary>
/// Context words a password must not contain (OWASP ASVS 5, V6.2.11): the site's name and the user's e-mail address
/// before the <c>@</c>, whole and in its pieces. Compared case-insensitively; words shorter than four characters
/// (an <c>rh@</c> mailbox) are too short to mean anything and are not checked.
/// </summary>
public static class PasswordContext
{
    public const string SiteName = "Certify";

    public const int MinimumWordLength = 4;

    public static IReadOnlyList<string> Words(string? email)
    {
        var words = new List<string> { SiteName };
        var localPart = email?.Split('@')[0] ?? "";
        words.Add(localPart);
        words.AddRange(localPart.Split(['.', '_', '-', '+'], StringSplitOptions.RemoveEmptyEntries));
        return [.. words.Where(w => w.Length >= MinimumWordLength).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Whether <paramref name="password"/> contains the site name or a piece of the user's e-mail.</summary>
    public static bool ContainsContextWord(string password, string? email)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Words(email).Any(w => password.Contains(w, StringComparison.OrdinalIgnoreCase));
    }
}
