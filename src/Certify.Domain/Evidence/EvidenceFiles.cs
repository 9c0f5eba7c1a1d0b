using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;

namespace Certify.Domain.Evidence;

/// <summary>
/// Which evidence uploads are allowed. The type comes from the file's first bytes, never from its name: the name
/// only has to agree with the content, so a renamed executable or archive is refused.
/// </summary>
public static class EvidenceFiles
{
    private const int MaxDisplayNameLength = 150;
    private const int MaxKeptExtensionLength = 10;
    private const int HeaderLength = 8;
    private const string FallbackDisplayName = "evidence";

    private static readonly byte[] PdfSignature = "%PDF-"u8.ToArray();
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    private static readonly Dictionary<string, EvidenceFileType> TypeByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = EvidenceFileType.Pdf,
        [".png"] = EvidenceFileType.Png,
        [".jpg"] = EvidenceFileType.Jpeg,
        [".jpeg"] = EvidenceFileType.Jpeg,
        [".docx"] = EvidenceFileType.Docx,
        [".xlsx"] = EvidenceFileType.Xlsx,
    };

    public static IReadOnlyList<string> AllowedExtensions { get; } = [".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx"];

    /// <summary>
    /// The allowed type the content starts with, or null. Reads from the start of the stream and leaves it at
    /// position 0. DOCX and XLSX are both ZIP packages: an Office package has <c>[Content_Types].xml</c> and its main
    /// part under <c>word/</c> or <c>xl/</c>. Only the ZIP directory is read, never an entry, so a ZIP bomb costs nothing.
    /// </summary>
    public static EvidenceFileType? Detect(Stream seekableContent)
    {
        RequireSeekable(seekableContent);
        try
        {
            seekableContent.Position = 0;
            var header = new byte[HeaderLength];
            var read = seekableContent.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
            ReadOnlySpan<byte> start = header.AsSpan(0, read);

            if (start.StartsWith(PdfSignature))
            {
                return EvidenceFileType.Pdf;
            }

            if (start.StartsWith(PngSignature))
            {
                return EvidenceFileType.Png;
            }

            if (start.StartsWith(JpegSignature))
            {
                return EvidenceFileType.Jpeg;
            }

            return start.StartsWith(ZipSignature) ? DetectOfficePackage(seekableContent) : null;
        }
        finally
        {
            seekableContent.Position = 0;
        }
    }

    /// <summary>
    /// Checks one upload against the limits, stopping at the first reason to refuse it, in this order: empty, too
    /// large, too many files for the question, type not allowed (by content or by extension), extension that names
    /// another type than the content. The client's file name is used for its extension only.
    /// </summary>
    public static EvidenceCheck Check(Stream seekableContent, string fileName, int existingCount, EvidenceLimits limits)
    {
        RequireSeekable(seekableContent);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(limits);

        var length = seekableContent.Length;
        if (length == 0)
        {
            return Refused(EvidenceRejection.Empty, type: null);
        }

        if (length > limits.MaxBytes)
        {
            return Refused(EvidenceRejection.TooLarge, type: null);
        }

        if (existingCount >= limits.MaxFilesPerQuestion)
        {
            return Refused(EvidenceRejection.TooManyFiles, type: null);
        }

        var detected = Detect(seekableContent);
        var extension = Path.GetExtension(LastSegment(fileName));
        if (detected is not { } type || !TypeByExtension.TryGetValue(extension, out var named))
        {
            return Refused(EvidenceRejection.TypeNotAllowed, detected);
        }

        return named == type
            ? new EvidenceCheck(EvidenceRejection.None, type, ContentTypeOf(type), ExtensionOf(type))
            : Refused(EvidenceRejection.ExtensionMismatch, type);
    }

    public static string ContentTypeOf(EvidenceFileType type) => type switch
    {
        EvidenceFileType.Pdf => "application/pdf",
        EvidenceFileType.Png => "image/png",
        EvidenceFileType.Jpeg => "image/jpeg",
        EvidenceFileType.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        EvidenceFileType.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown evidence file type."),
    };

    /// <summary>Whether a browser can show a file of this content type by itself: PDFs and images, not Office files.</summary>
    public static bool ViewableInline(string contentType) => contentType is "application/pdf" or "image/png" or "image/jpeg";

    /// <summary>Whether the content type is an image that can be shown as a thumbnail.</summary>
    public static bool IsImage(string contentType) => contentType is "image/png" or "image/jpeg";

    /// <summary>The extension a file of this type is stored and downloaded under.</summary>
    public static string ExtensionOf(EvidenceFileType type) => type switch
    {
        EvidenceFileType.Pdf => ".pdf",
        EvidenceFileType.Png => ".png",
        EvidenceFileType.Jpeg => ".jpg",
        EvidenceFileType.Docx => ".docx",
        EvidenceFileType.Xlsx => ".xlsx",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown evidence file type."),
    };

    /// <summary>
    /// The name to show for an upload: its last path segment, without control or invisible formatting characters
    /// (a right-to-left override can make "cod.exe" read as "exe.doc"), at most 150 characters with the extension
    /// kept. Only for display: files are stored under generated keys.
    /// </summary>
    public static string DisplayName(string clientFileName)
    {
        ArgumentNullException.ThrowIfNull(clientFileName);
        var builder = new StringBuilder(clientFileName.Length);
        foreach (var c in LastSegment(clientFileName))
        {
            if (!char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                builder.Append(c);
            }
        }

        var name = builder.ToString().Trim();
        if (name.Length == 0)
        {
            return FallbackDisplayName;
        }

        if (name.Length <= MaxDisplayNameLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length > MaxKeptExtensionLength)
        {
            extension = "";
        }

        var stem = name[..(MaxDisplayNameLength - extension.Length)];
        if (char.IsHighSurrogate(stem[^1]))
        {
            stem = stem[..^1];
        }

        return stem.TrimEnd() + extension;
    }

    private static EvidenceFileType? DetectOfficePackage(Stream content)
    {
        content.Position = 0;
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var hasContentTypes = false;
            var word = false;
            var excel = false;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName;
                hasContentTypes |= name == "[Content_Types].xml";
                word |= name.StartsWith("word/", StringComparison.Ordinal);
                excel |= name.StartsWith("xl/", StringComparison.Ordinal);

                // A macro project makes it a .docm/.xlsm in disguise, which the allowed types exclude.
                if (name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
            }

            return (hasContentTypes, word, excel) switch
            {
                (true, true, false) => EvidenceFileType.Docx,
                (true, false, true) => EvidenceFileType.Xlsx,
                _ => null,
            };
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static string LastSegment(string fileName) =>
        fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];

    private static EvidenceCheck Refused(EvidenceRejection rejection, EvidenceFileType? type) =>
        type is { } known
            ? new EvidenceCheck(rejection, known, ContentTypeOf(known), ExtensionOf(known))
            : new EvidenceCheck(rejection, null, null, null);

    private static void RequireSeekable(Stream content, [CallerArgumentExpression(nameof(content))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(content, paramName);
        if (!content.CanSeek)
        {
            throw new ArgumentException("Evidence content must be a seekable stream; buffer the upload first.", paramName);
        }
    }
}
