using PdfSharp.Fonts;

namespace Certify.Web.Features.Distinctives.Certificates;

/// <summary>
/// Serves DejaVu Sans (regular and bold, embedded in this assembly) for every font PDFsharp asks for, so certificates
/// render the same on any machine and need no operating-system font. PDFsharp caches what a resolver returns, and
/// the font bytes are loaded once, so the resolver is safe to share between threads.
/// </summary>
internal sealed class CertificateFontResolver : IFontResolver
{
    /// <summary>The family name the renderer asks for.</summary>
    public const string FamilyName = "DejaVu Sans";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly Lazy<byte[]> Regular = new(() => Load(RegularFace));
    private static readonly Lazy<byte[]> Bold = new(() => Load(BoldFace));

    private static readonly Lock RegistrationLock = new();

    /// <summary>Installs the resolver as PDFsharp's global font resolver once per process; later calls do nothing.</summary>
    public static void EnsureRegistered()
    {
        lock (RegistrationLock)
        {
            if (GlobalFontSettings.FontResolver is CertificateFontResolver)
            {
                return;
            }

            // Resources only: never fall back to fonts installed on Windows or WSL.
            GlobalFontSettings.UseWindowsFontsUnderWindows = false;
            GlobalFontSettings.UseWindowsFontsUnderWsl2 = false;
            GlobalFontSettings.FontResolver = new CertificateFontResolver();
        }
    }

    /// <summary>Every family resolves to DejaVu Sans; italic has no face of its own and is simulated.</summary>
    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: isItalic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => Regular.Value,
        BoldFace => Bold.Value,
        _ => null,
    };

    private static byte[] Load(string face)
    {
        // The logical name is set in Certify.Web.csproj.
        var name = $"Certify.Certificates.Fonts.{face}.ttf";
        using var stream = typeof(CertificateFontResolver).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Font resource {name} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
