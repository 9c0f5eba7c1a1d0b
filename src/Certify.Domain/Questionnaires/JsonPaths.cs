using System.Text;
using System.Text.Json;

namespace Certify.Domain.Questionnaires;

/// <summary>Builds the JSONPath strings used in <see cref="LoadError.JsonPath"/>: <c>$</c>, <c>.name</c>, <c>[index]</c>.</summary>
internal static class JsonPaths
{
    public const string Root = "$";

    public static string Property(string path, string name) =>
        IsPlainName(name) ? path + "." + name : path + "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";

    public static string Index(string path, int index) => path + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    /// <summary>
    /// Turns a JSON Pointer (<c>/sections/0/code</c>) into a JSONPath, walking <paramref name="root"/> so that a
    /// numeric segment is an index only where the instance really has an array.
    /// </summary>
    public static string FromPointer(string pointer, JsonElement root)
    {
        var path = new StringBuilder(Root);
        var current = root;
        var known = true;
        foreach (var raw in pointer.Split('/', StringSplitOptions.None).Skip(1))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (known && current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index))
            {
                path.Append(Index(string.Empty, index));
                known = index < current.GetArrayLength();
                current = known ? current[index] : default;
            }
            else
            {
                path.Append(Property(string.Empty, segment));
                known = known && current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out current);
            }
        }

        return path.ToString();
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '$')
            {
                return false;
            }
        }

        return true;
    }
}
