using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Certify.Domain.Questionnaires;

/// <summary>Reads a definition file: syntax and duplicate-property check with a path, parsing, and the content hash.</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions CanonicalWriterOptions = new()
    {
        Indented = false,
        // Keeps accented Spanish text as UTF-8 instead of \u escapes; HTML-sensitive characters are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Parses the stream, or adds one error (with the path where reading stopped) and returns null.</summary>
    public static JsonDocument? Parse(Stream json, string fileName, List<LoadError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            json.CopyTo(buffer);
            bytes = buffer.ToArray();
        }

        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var content = bytes.AsMemory(start);
        if (CheckSyntax(content.Span) is { } error)
        {
            errors.Add(new LoadError(fileName, error.Path, error.Reason));
            return null;
        }

        return JsonDocument.Parse(content);
    }

    /// <summary>Lower-case hex SHA-256 of the canonical form described on <see cref="QuestionnaireDefinition.ContentHash"/>.</summary>
    public static string CanonicalHash(JsonElement root)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, CanonicalWriterOptions))
        {
            root.WriteTo(writer);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    /// <summary>
    /// Walks the tokens once, keeping the path, so that a syntax error or a repeated property is reported where
    /// it is. JsonDocument itself reports neither with a path.
    /// </summary>
    private static (string Path, string Reason)? CheckSyntax(ReadOnlySpan<byte> content)
    {
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        BeginValue(frames);
                        frames.Add(Frame.ForObject());
                        break;
                    case JsonTokenType.StartArray:
                        BeginValue(frames);
                        frames.Add(Frame.ForArray());
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        EndValue(frames);
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames[^1];
                        var name = reader.GetString()!;
                        frame.Property = name;
                        frame.InValue = true;
                        if (!frame.Seen!.Add(name))
                        {
                            return (PathOf(frames), $"property '{name}' appears twice in the same object");
                        }

                        break;
                    default:
                        BeginValue(frames);
                        EndValue(frames);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            var message = e.Message;
            var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (suffix > 0)
            {
                message = message[..suffix];
            }

            return (PathOfError(frames), string.Create(CultureInfo.InvariantCulture, $"invalid JSON at line {line}, byte {position}: {message}"));
        }

        return null;
    }

    private static void BeginValue(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].Seen is null)
        {
            frames[^1].Index++;
        }
    }

    private static void EndValue(List<Frame> frames)
    {
        if (frames.Count > 0)
        {
            frames[^1].InValue = false;
        }
    }

    private static string PathOf(List<Frame> frames)
    {
        var path = JsonPaths.Root;
        foreach (var frame in frames)
        {
            path = frame.Seen is null ? JsonPaths.Index(path, frame.Index) : JsonPaths.Property(path, frame.Property!);
        }

        return path;
    }

    /// <summary>The path of the value being read when the reader failed.</summary>
    private static string PathOfError(List<Frame> frames)
    {
        var path = JsonPaths.Root;
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            var last = i == frames.Count - 1;
            if (frame.Seen is null)
            {
                // In the innermost array the failing token is the element after the last one read.
                path = JsonPaths.Index(path, last ? frame.Index + 1 : frame.Index);
            }
            else if (!last || frame.InValue)
            {
                path = JsonPaths.Property(path, frame.Property!);
            }
        }

        return path;
    }

    private sealed class Frame
    {
        public HashSet<string>? Seen { get; private init; }

        public string? Property { get; set; }

        public bool InValue { get; set; }

        public int Index { get; set; } = -1;

        public static Frame ForObject() => new() { Seen = new HashSet<string>(StringComparer.Ordinal) };

        public static Frame ForArray() => new();
    }
}
