using System.Globalization;
using System.Text.Json;

namespace Certify.Domain.Questionnaires;

/// <summary>
/// Reads typed fields out of a parsed definition file and records a <see cref="LoadError"/> instead of throwing
/// when a field is missing or of the wrong kind. The schema normally catches these first; this keeps the loaders
/// safe with a looser schema, and is the only check for files that have no schema.
/// </summary>
internal sealed class JsonFieldReader(string fileName)
{
    public List<LoadError> Errors { get; } = [];

    public void Error(string path, string reason) => Errors.Add(new LoadError(fileName, path, reason));

    public bool TryGet(JsonElement obj, string path, string name, bool required, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            Error(path, $"'{name}' is required");
        }

        value = default;
        return false;
    }

    public string? String(JsonElement obj, string path, string name, bool required = true)
    {
        if (!TryGet(obj, path, name, required, out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            Error(JsonPaths.Property(path, name), $"'{name}' must be a non-empty string");
            return null;
        }

        return text;
    }

    public decimal? Number(JsonElement obj, string path, string name, bool required = true)
    {
        if (!TryGet(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            Error(JsonPaths.Property(path, name), $"'{name}' must be a number, found {Describe(value)}");
            return null;
        }

        return number;
    }

    public int? Integer(JsonElement obj, string path, string name, bool required = true)
    {
        if (!TryGet(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Error(JsonPaths.Property(path, name), $"'{name}' must be a whole number, found {Describe(value)}");
            return null;
        }

        return number;
    }

    public bool? Boolean(JsonElement obj, string path, string name)
    {
        if (!TryGet(obj, path, name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(JsonPaths.Property(path, name), $"'{name}' must be true or false, found {Describe(value)}");
            return null;
        }

        return value.GetBoolean();
    }

    public LocalizedText? Text(JsonElement obj, string path, string name, bool required = true)
    {
        if (!TryGet(obj, path, name, required, out var value))
        {
            return null;
        }

        var textPath = JsonPaths.Property(path, name);
        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(textPath, $"'{name}' must be an object with 'es' and 'en', found {Describe(value)}");
            return null;
        }

        var es = String(value, textPath, "es");
        var en = String(value, textPath, "en");
        return es is null || en is null ? null : new LocalizedText(es, en);
    }

    public JsonElement? Array(JsonElement obj, string path, string name, bool required = true)
    {
        if (!TryGet(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(JsonPaths.Property(path, name), $"'{name}' must be an array, found {Describe(value)}");
            return null;
        }

        return value;
    }

    public JsonElement? Object(JsonElement obj, string path, string name, bool required = true)
    {
        if (!TryGet(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(JsonPaths.Property(path, name), $"'{name}' must be an object, found {Describe(value)}");
            return null;
        }

        return value;
    }

    /// <summary>Records an error for each property of <paramref name="obj"/> that is not in <paramref name="allowed"/>.</summary>
    public void RejectUnknown(JsonElement obj, string path, params string[] allowed)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (System.Array.IndexOf(allowed, property.Name) < 0)
            {
                Error(JsonPaths.Property(path, property.Name), $"property '{property.Name}' is not allowed here");
            }
        }
    }

    /// <summary>Whether <paramref name="value"/> is an object; records an error at <paramref name="path"/> if not.</summary>
    public bool IsObject(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Error(path, $"expected an object, found {Describe(value)}");
        return false;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "\"" + value.GetString() + "\"",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
