using System.Globalization;

namespace Certify.Domain.Questionnaires;

/// <summary>
/// Orders versions such as <c>2025.1</c> part by part, numeric parts as numbers (so <c>2025.10</c> follows
/// <c>2025.9</c>), other parts ordinally.
/// </summary>
public sealed class VersionComparer : IComparer<string>
{
    public static VersionComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var left = x.Split('.');
        var right = y.Split('.');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var result = ComparePart(left[i], right[i]);
            if (result != 0)
            {
                return result;
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    private static int ComparePart(string left, string right) =>
        long.TryParse(left, NumberStyles.None, CultureInfo.InvariantCulture, out var l)
        && long.TryParse(right, NumberStyles.None, CultureInfo.InvariantCulture, out var r)
            ? l.CompareTo(r)
            : string.CompareOrdinal(left, right);
}
