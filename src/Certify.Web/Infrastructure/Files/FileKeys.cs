using System.Globalization;
using System.Text.RegularExpressions;

namespace Certify.Web.Infrastructure.Files;

/// <summary>
/// Generates and checks store keys. A key is made of "/"-separated segments of letters, digits, '.', '_' and '-',
/// none starting with a dot: so no "..", no absolute path, no backslash or drive letter can reach the file system.
/// </summary>
internal static partial class FileKeys
{
    private const int MaxKeyLength = 200;

    public static string New(string extension, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(extension);
        if (!ExtensionPattern().IsMatch(extension))
        {
            throw new ArgumentException($"'{extension}' is not a file extension such as \".pdf\".", nameof(extension));
        }

        // Invariant culture: a thread culture with another calendar would otherwise change the year folder.
        var utc = now.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{utc:yyyy}/{utc:MM}/{Guid.NewGuid():N}{extension.ToLowerInvariant()}");
    }

    public static void Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || key.Length > MaxKeyLength || !key.Split('/').All(SegmentPattern().IsMatch))
        {
            throw new ArgumentException($"'{key}' is not a valid file key.", nameof(key));
        }
    }

    // \z rather than $: $ also matches before a final newline.
    [GeneratedRegex(@"^\.[A-Za-z0-9]{1,10}\z")]
    private static partial Regex ExtensionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z")]
    private static partial Regex SegmentPattern();
}
