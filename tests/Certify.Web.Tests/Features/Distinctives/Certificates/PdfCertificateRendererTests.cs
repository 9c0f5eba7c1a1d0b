using System.Text;
using Certify.Domain.Questionnaires;
using Certify.Web.Features.Distinctives;
using Certify.Web.Features.Distinctives.Certificates;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Fonts;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Graphics.Colors;
using UglyToad.PdfPig.Tokens;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Certify.Web.Tests.Features.Distinctives.Certificates;

public class PdfCertificateRendererTests
{
    private static readonly PdfCertificateRenderer Renderer = new();

    internal static CertificateContent Sample(string legalName = "Autopartes del Bajío, S.A. de C.V.") => new(
        Number: "DRL-AUTO-2026-00042",
        VerificationCode: "K7QM-3XTP-9RWD-F",
        LegalName: legalName,
        Rfc: "ABA0101019X3",
        ProgramName: new LocalizedText(
            "Distintivo de Responsabilidad Laboral — Cadena Automotriz",
            "Labour Responsibility Distinctive — Automotive Supply Chain"),
        LevelCode: "A",
        Topics:
        [
            new LocalizedText("Subcontratación", "Subcontracting"),
            new LocalizedText("Libertad sindical y negociación colectiva", "Freedom of association and collective bargaining"),
            new LocalizedText("Igualdad laboral y no discriminación", "Workplace equality and non-discrimination"),
        ],
        FirstDay: new DateOnly(2026, 11, 25),
        LastDay: new DateOnly(2028, 11, 24),
        IssuerName: "Centro de Auditoría Laboral del Bajío (demo)",
        VerifyUrl: "https://certify.example/verificar/K7QM3XTP9RWDF",
        CredentialJwt: "eyJhbGciOiJFUzI1NiIsInR5cCI6InZjK2p3dCJ9.eyJ0ZXN0IjoiY3JlZGVudGlhbCJ9.c2lnbmF0dXJl");

    [Fact]
    public void Render_Always_HoldsTheFactsAsExtractableText()
    {
        var content = Sample();

        var text = PageText(Renderer.Render(content));

        Assert.Contains(content.Number, text);
        Assert.Contains(content.LegalName, text);
        Assert.Contains(content.Rfc, text);
        Assert.Contains(content.VerificationCode, text);
        Assert.Contains(content.IssuerName, text);
        Assert.Contains("Vigente del 25 de noviembre de 2026 al 24 de noviembre de 2028", text);
        Assert.Contains("Valid from November 25, 2026 to November 24, 2028", text);
        Assert.Contains("Libertad sindical y negociación colectiva", text);
        Assert.Contains("Workplace equality and non-discrimination", text);
    }

    [Fact]
    public void Render_SpanishAccents_RoundTrip()
    {
        var text = PageText(Renderer.Render(Sample("Muñoz Güémez e Hijos — Áreas Únicas, Ópticas Íntegras")));

        Assert.Contains("Autopartes", PageText(Renderer.Render(Sample())) + "Autopartes");
        Assert.Contains("Muñoz Güémez e Hijos — Áreas Únicas, Ópticas Íntegras", text);
        Assert.Contains("Subcontratación", text);
        Assert.Contains("código de verificación", text);
    }

    [Fact]
    public void Render_QrCode_DecodesToTheVerifyUrl()
    {
        var content = Sample();
        using var pdf = PdfDocument.Open(Renderer.Render(content));

        var image = Assert.Single(pdf.GetPage(1).GetImages());

        Assert.Equal(content.VerifyUrl, DecodeQr(image));
    }

    [Fact]
    public void Render_Credential_ReadsBackFromTheAttachmentAndTheDocumentInformation()
    {
        var content = Sample();
        var bytes = Renderer.Render(content);
        using var pdf = PdfDocument.Open(bytes);

        // The embedded file's media type, as a PDF name ('/' escaped as #2F).
        Assert.Contains("/Subtype/application#2Fvc+jwt", Encoding.Latin1.GetString(bytes));
        Assert.True(pdf.Advanced.TryGetEmbeddedFiles(out var files));
        var file = Assert.Single(files);
        Assert.Equal(PdfCertificateRenderer.CredentialFileName, file.Name);
        Assert.Equal(content.CredentialJwt, Encoding.UTF8.GetString(file.Bytes.ToArray()));
        var info = pdf.Information.DocumentInformationDictionary;
        Assert.NotNull(info);
        Assert.True(info.TryGet<StringToken>(NameToken.Create(PdfCertificateRenderer.CredentialInfoKey.TrimStart('/')), out var stored));
        Assert.Equal(content.CredentialJwt, stored?.Data);
    }

    [Fact]
    public void Render_Always_IsOneA4PageWithDocumentInformation()
    {
        var content = Sample();
        using var pdf = PdfDocument.Open(Renderer.Render(content));

        Assert.Equal(1, pdf.NumberOfPages);
        var page = pdf.GetPage(1);
        Assert.Equal(595.3, page.Width, 0.5);
        Assert.Equal(841.9, page.Height, 0.5);
        Assert.Equal(content.IssuerName, pdf.Information.Author);
        Assert.Equal(content.Number, pdf.Information.Subject);
        Assert.Contains(content.ProgramName.Es, pdf.Information.Title);
    }

    [Fact]
    public void Render_Fonts_AreTheEmbeddedDejaVuFaces()
    {
        using var pdf = PdfDocument.Open(Renderer.Render(Sample()));

        var fonts = pdf.GetPage(1).Letters.Select(l => l.FontName).Distinct().ToList();

        Assert.NotEmpty(fonts);
        Assert.All(fonts, name => Assert.Contains("DejaVu Sans", name));
        Assert.IsType<CertificateFontResolver>(GlobalFontSettings.FontResolver);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CertificateFontResolver_AnyFamily_IsServedFromTheAssemblyResources(bool bold)
    {
        var resolver = new CertificateFontResolver();

        var face = resolver.ResolveTypeface("Arial", bold, isItalic: false);
        var font = resolver.GetFont(face.FaceName);

        Assert.NotNull(font);
        // A TrueType font file starts with version 1.0 (0x00010000).
        Assert.Equal(new byte[] { 0, 1, 0, 0 }, font.Take(4));
    }

    [Fact]
    public void Render_ManyTopicsAndALongName_StaysOnOnePage()
    {
        var topics = Enumerable.Range(1, 12)
            .Select(i => new LocalizedText($"Tema número {i} con un título bastante largo", $"Topic number {i} with a fairly long title"))
            .ToList();
        var content = Sample(string.Concat(Enumerable.Repeat("Compañía Manufacturera de Componentes ", 3)).Trim()) with { Topics = topics };

        using var pdf = PdfDocument.Open(Renderer.Render(content));

        Assert.Equal(1, pdf.NumberOfPages);
        var words = pdf.GetPage(1).GetWords().ToList();
        var text = string.Join(' ', words.Select(w => w.Text));
        Assert.Contains("Tema número 12 con un título", text);
        Assert.Contains("Topic number 12 with a fairly long title", text);
        Assert.Contains(content.Number, text);
        // Topics and validity stay above the bottom block (PDF y grows upwards).
        var detailsTop = words.Single(w => w.Text == "Número").BoundingBox.Top;
        var aboveDetails = words.Where(w => w.Text is "Tema" or "Topic" or "Vigente" or "Valid").ToList();
        Assert.Equal(12 + 12 + 2, aboveDetails.Count);
        Assert.All(aboveDetails, w => Assert.True(w.BoundingBox.Bottom > detailsTop, $"'{w.Text}' overlaps the details block."));
    }

    [Fact]
    public async Task Render_FromManyThreads_GivesTheSameText()
    {
        var expected = PageText(Renderer.Render(Sample()));

        var texts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PageText(Renderer.Render(Sample())))));

        Assert.All(texts, text => Assert.Equal(expected, text));
    }

    [Fact]
    public void AddCertifyFeatures_RegistersTheRendererAsASingleton()
    {
        var services = new ServiceCollection();
        Certify.Web.Features.FeatureServices.AddCertifyFeatures(services);

        var descriptor = Assert.Single(services, d => d.ServiceType == typeof(ICertificateRenderer));
        Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
        Assert.Equal(typeof(PdfCertificateRenderer), descriptor.ImplementationType);
    }

    private static string PageText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        // Words joined by single spaces, so a phrase is found whatever line or text run it was drawn in.
        return string.Join(' ', document.GetPage(1).GetWords().Select(w => w.Text));
    }

    /// <summary>
    /// Decodes the QR code from the image's pixels as stored in the PDF (PdfPig undoes the stream filters; the
    /// pixels are then looked up in the image's colour space) with ZXing, so no drawing library is involved.
    /// </summary>
    private static string DecodeQr(IPdfImage image)
    {
        Assert.True(image.TryGetBytesAsMemory(out var memory));
        var width = image.WidthInSamples;
        var height = image.HeightInSamples;
        var luminance = new byte[width * height];
        var stride = (width * image.BitsPerComponent + 7) / 8;
        for (var row = 0; row < height; row++)
        {
            for (var column = 0; column < width; column++)
            {
                var sample = image.BitsPerComponent switch
                {
                    1 => (memory.Span[row * stride + column / 8] >> (7 - column % 8)) & 1,
                    8 => memory.Span[row * stride + column],
                    var bits => throw new InvalidOperationException($"Unexpected {bits} bits per component."),
                };
                luminance[row * width + column] = Luminance(image.ColorSpaceDetails, sample);
            }
        }

        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height, RGBLuminanceSource.BitmapFormat.Gray8)));
        var result = new QRCodeReader().decode(bitmap, new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true });
        Assert.NotNull(result);
        return result.Text;
    }

    private static byte Luminance(ColorSpaceDetails? colorSpace, int sample) => colorSpace switch
    {
        IndexedColorSpaceDetails { BaseColorSpace: DeviceRgbColorSpaceDetails } indexed =>
            (byte)((indexed.ColorTable[sample * 3] + indexed.ColorTable[sample * 3 + 1] + indexed.ColorTable[sample * 3 + 2]) / 3),
        DeviceGrayColorSpaceDetails => (byte)sample,
        _ => throw new InvalidOperationException($"Unexpected colour space {colorSpace}."),
    };
}
