using System.Globalization;
using System.Text;
using Certify.Domain.Questionnaires;
using Certify.Web.Infrastructure;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using QRCoder;

namespace Certify.Web.Features.Distinctives.Certificates;

/// <summary>
/// Draws the certificate with PDFsharp: one A4 page, Spanish first and English below in smaller grey type, a QR code
/// to the verification URL, and the signed credential carried twice for offline verification — as the file
/// attachment <c>credential.jwt</c> and as the document-information key <c>/CertifyCredential</c>.
/// Stateless and safe to call from several threads at once: each call builds its own document.
/// </summary>
public sealed class PdfCertificateRenderer : ICertificateRenderer
{
    /// <summary>Name of the embedded file that holds the credential.</summary>
    public const string CredentialFileName = "credential.jwt";

    /// <summary>Media type of the embedded credential.</summary>
    public const string CredentialMediaType = "application/vc+jwt";

    /// <summary>Document-information key that also holds the credential (for readers that ignore attachments).</summary>
    public const string CredentialInfoKey = "/CertifyCredential";

    private const string Family = CertificateFontResolver.FamilyName;

    private static readonly XColor Navy = XColor.FromArgb(0x0b, 0x53, 0x94);
    private static readonly XColor Ink = XColor.FromArgb(0x1f, 0x29, 0x33);
    private static readonly XColor Grey = XColor.FromArgb(0x6b, 0x72, 0x80);
    private static readonly XColor Rule = XColor.FromArgb(0xc9, 0xd3, 0xdf);

    /// <summary>Top of the fixed bottom block (number, code, issuer and QR code).</summary>
    private static readonly double DetailsTop = Mm(222);

    /// <summary>Topic layouts from roomiest to tightest; the first that fits above the validity lines is used.</summary>
    private static readonly TopicStyle[] TopicStyles =
    [
        new(1, 10.5, 8.5),
        new(2, 9.5, 7.5),
        new(2, 8.5, 7),
        new(3, 7.5, 6.5),
        new(3, 6.5, 5.5),
    ];

    /// <summary>Diameters of the level seal, preferred first.</summary>
    private static readonly double[] SealSizes = [Mm(26), Mm(16)];

    static PdfCertificateRenderer() => CertificateFontResolver.EnsureRegistered();

    public byte[] Render(CertificateContent content)
    {
        ArgumentNullException.ThrowIfNull(content);

        using var document = new PdfDocument();
        document.Info.Title = $"{content.ProgramName.Es} — {content.Number}";
        document.Info.Author = content.IssuerName;
        document.Info.Subject = content.Number;
        document.Info.Keywords = $"{content.Number} {content.VerificationCode} {content.Rfc}";
        document.Info.Creator = "Certify";
        // Dates from the content, not the clock: the same content renders to a file of the same size and layout;
        // only PDFsharp's random document ids and font-subset tags differ between renders.
        var issued = content.FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        document.Info.CreationDate = issued;
        document.Info.ModificationDate = issued;
        document.Info.Elements.SetString(CredentialInfoKey, content.CredentialJwt);
        document.Options.CompressContentStreams = true;

        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);

        using (var gfx = XGraphics.FromPdfPage(page))
        {
            Draw(gfx, content);
        }

        AttachCredential(document, content.CredentialJwt, issued);

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Draw(XGraphics gfx, CertificateContent content)
    {
        var pageWidth = gfx.PageSize.Width;
        var pageHeight = gfx.PageSize.Height;
        var center = pageWidth / 2;
        var textWidth = pageWidth - Mm(50);

        gfx.DrawRectangle(new XPen(Navy, 2.2), Mm(10), Mm(10), pageWidth - Mm(20), pageHeight - Mm(20));
        gfx.DrawRectangle(new XPen(Navy, 0.6), Mm(12.5), Mm(12.5), pageWidth - Mm(25), pageHeight - Mm(25));
        gfx.DrawRectangle(new XSolidBrush(Navy), Mm(12.5), Mm(12.5), pageWidth - Mm(25), Mm(4));

        var y = Mm(28);
        y = Centered(gfx, "CERTIFICADO", Font(10, bold: true), Navy, center, y, textWidth);
        y = Centered(gfx, "CERTIFICATE", Font(7.5), Grey, center, y, textWidth) + Mm(4);

        y = Centered(gfx, content.ProgramName.Es, Font(18, bold: true), Navy, center, y, textWidth);
        y = Centered(gfx, content.ProgramName.En, Font(11), Grey, center, y + Mm(1), textWidth) + Mm(4);
        gfx.DrawLine(new XPen(Navy, 0.8), center - Mm(30), y, center + Mm(30), y);
        y += Mm(7);

        y = Centered(gfx, "Se otorga a", Font(10.5), Ink, center, y, textWidth);
        y = Centered(gfx, "Awarded to", Font(8), Grey, center, y, textWidth) + Mm(3);
        y = Centered(gfx, content.LegalName, FitFont(gfx, content.LegalName, 22, 15, textWidth, bold: true), Ink, center, y, textWidth);
        y = Centered(gfx, $"RFC {content.Rfc}", Font(12), Ink, center, y + Mm(1.5), textWidth) + Mm(6);

        var spanishValidity = $"Vigente del {Spanish(content.FirstDay)} al {Spanish(content.LastDay)}";
        var englishValidity = $"Valid from {English(content.FirstDay)} to {English(content.LastDay)}";
        var validityFont = Font(11, bold: true);
        var validityEnglishFont = Font(8.5);
        var validityHeight = Lines(gfx, spanishValidity, validityFont, Ink, center, 0, textWidth, XStringFormats.TopCenter, draw: false)
            + Mm(0.5) + Lines(gfx, englishValidity, validityEnglishFont, Grey, center, 0, textWidth, XStringFormats.TopCenter, draw: false);

        // The roomiest topic style that fits above the validity lines, shrinking the level seal before the type.
        var levelLabelHeight = Font(10.5).GetHeight() + Font(8).GetHeight() + Mm(2);
        var topicsHeadingHeight = Font(10.5, bold: true).GetHeight() + Font(8).GetHeight() + Mm(2.5);
        var topicsBottom = DetailsTop - Mm(10) - validityHeight - Mm(3);
        var layouts = from style in TopicStyles from size in SealSizes select (Style: style, Seal: size);
        var (topicStyle, seal) = layouts.FirstOrDefault(
            l => Topics(gfx, content.Topics, l.Style, center, y + levelLabelHeight + l.Seal + Mm(6) + topicsHeadingHeight, textWidth, draw: false) <= topicsBottom,
            (Style: TopicStyles[^1], Seal: SealSizes[^1]));

        y = Centered(gfx, "Nivel", Font(10.5), Ink, center, y, textWidth);
        y = Centered(gfx, "Level", Font(8), Grey, center, y, textWidth) + Mm(2);
        gfx.DrawEllipse(new XSolidBrush(Navy), center - seal / 2, y, seal, seal);
        gfx.DrawEllipse(new XPen(XColors.White, 1.2), center - seal / 2 + Mm(1.5), y + Mm(1.5), seal - Mm(3), seal - Mm(3));
        var levelFont = FitFont(gfx, content.LevelCode, seal / Mm(26) * 40, 10, seal - Mm(6), bold: true);
        gfx.DrawString(content.LevelCode, levelFont, XBrushes.White, new XRect(center - seal / 2, y, seal, seal), XStringFormats.Center);
        y += seal + Mm(6);

        y = Centered(gfx, "Temas evaluados", Font(10.5, bold: true), Navy, center, y, textWidth);
        y = Centered(gfx, "Topics assessed", Font(8), Grey, center, y, textWidth) + Mm(2.5);
        y = Topics(gfx, content.Topics, topicStyle, center, y, textWidth, draw: true) + Mm(3);

        y = Centered(gfx, spanishValidity, validityFont, Ink, center, y, textWidth);
        Centered(gfx, englishValidity, validityEnglishFont, Grey, center, y + Mm(0.5), textWidth);

        DrawDetailsAndQr(gfx, content, pageWidth, DetailsTop);
        DrawFooter(gfx, center, pageHeight - Mm(26), textWidth);
    }

    /// <summary>Lays the topics out in <paramref name="style"/>'s columns (filled top to bottom); returns the y below them.</summary>
    private static double Topics(
        XGraphics gfx, IReadOnlyList<LocalizedText> topics, TopicStyle style, double center, double y, double width, bool draw)
    {
        var columns = Math.Min(style.Columns, Math.Max(1, topics.Count));
        var gap = Mm(8);
        var spanish = Font(style.SpanishSize);
        var english = Font(style.EnglishSize);
        var bulletIndent = Mm(4);
        var rows = (topics.Count + columns - 1) / columns;

        // Each column is as wide as its longest line (up to its share of the width), and the block is centred.
        var longest = topics.Count == 0
            ? 0
            : topics.Max(t => Math.Max(gfx.MeasureString(t.Es, spanish).Width, gfx.MeasureString(t.En, english).Width));
        var columnWidth = Math.Min((width - gap * (columns - 1)) / columns, longest + bulletIndent);
        var left = center - (columnWidth * columns + gap * (columns - 1)) / 2;
        var bottoms = Enumerable.Repeat(y, columns).ToArray();
        var bullet = new XSolidBrush(Navy);
        for (var i = 0; i < topics.Count; i++)
        {
            var column = i / rows;
            var x = left + column * (columnWidth + gap);
            if (draw)
            {
                gfx.DrawString("•", spanish, bullet, x, bottoms[column], XStringFormats.TopLeft);
            }

            var textLeft = x + bulletIndent;
            var textWidth = columnWidth - bulletIndent;
            var below = Lines(gfx, topics[i].Es, spanish, Ink, textLeft, bottoms[column], textWidth, XStringFormats.TopLeft, draw);
            bottoms[column] = Lines(gfx, topics[i].En, english, Grey, textLeft, below, textWidth, XStringFormats.TopLeft, draw) + Mm(1.8);
        }

        return bottoms.Max();
    }

    private static void DrawDetailsAndQr(XGraphics gfx, CertificateContent content, double pageWidth, double top)
    {
        gfx.DrawLine(new XPen(Rule, 0.6), Mm(25), top - Mm(5), pageWidth - Mm(25), top - Mm(5));

        var qrSize = Mm(35);
        var qrLeft = pageWidth - Mm(25) - qrSize;
        using (var qr = XImage.FromStream(new MemoryStream(QrPng(content.VerifyUrl))))
        {
            qr.Interpolate = false;
            gfx.DrawImage(qr, qrLeft, top, qrSize, qrSize);
        }

        // The URL is right-aligned under the QR code so that a typical one fits on a single line.
        var urlFont = Font(6.5);
        var urlWidth = Mm(70);
        Lines(gfx, BreakAnywhere(gfx, content.VerifyUrl, urlFont, urlWidth), urlFont, Grey, qrLeft + qrSize, top + qrSize + Mm(1), urlWidth, XStringFormats.TopRight);

        var left = Mm(25);
        var width = qrLeft - left - Mm(8);
        var y = top;
        y = Detail(gfx, "Número", "Number", content.Number, left, y, width);
        y = Detail(gfx, "Código de verificación", "Verification code", content.VerificationCode, left, y, width);
        Detail(gfx, "Emitido por", "Issued by", content.IssuerName, left, y, width);
    }

    private static double Detail(XGraphics gfx, string spanish, string english, string value, double left, double y, double width)
    {
        var labelFont = Font(8);
        gfx.DrawString(spanish, labelFont, new XSolidBrush(Ink), left, y, XStringFormats.TopLeft);
        var spanishWidth = gfx.MeasureString(spanish + " ", labelFont).Width;
        gfx.DrawString("/ " + english, Font(7), new XSolidBrush(Grey), left + spanishWidth, y + 0.8, XStringFormats.TopLeft);
        y += labelFont.GetHeight() + Mm(0.5);
        return Lines(gfx, value, FitFont(gfx, value, 12.5, 9, width, bold: true), Navy, left, y, width, XStringFormats.TopLeft) + Mm(3.5);
    }

    private static void DrawFooter(XGraphics gfx, double center, double y, double width)
    {
        y = Centered(
            gfx,
            "Verifique este certificado escaneando el código QR o con el código de verificación. El PDF incluye la credencial firmada (credential.jwt) para verificarla sin conexión.",
            Font(7.5), Ink, center, y, width);
        Centered(
            gfx,
            "Verify this certificate by scanning the QR code or with the verification code. The PDF carries the signed credential (credential.jwt) for offline verification.",
            Font(6.5), Grey, center, y + Mm(0.5), width);
    }

    private static void AttachCredential(PdfDocument document, string jwt, DateTime issued)
    {
        var file = new PdfEmbeddedFileStream(document, new MemoryStream(Encoding.UTF8.GetBytes(jwt)));
        var specification = new PdfFileSpecification(document, file, CredentialFileName);
        file.Elements.SetName(PdfEmbeddedFileStream.Keys.Subtype, "/" + CredentialMediaType);
        var parameters = file.Elements.GetDictionary(PdfEmbeddedFileStream.Keys.Params);
        parameters?.Elements.SetDateTime("/CreationDate", issued);
        parameters?.Elements.SetDateTime("/ModDate", issued);
        specification.Elements.SetString("/Desc", "Verifiable credential (vc+jwt) / Credencial verificable");
        // PDF 2.0 associated-file relationship: the credential is the machine-readable source of this page's facts.
        specification.Elements.SetName("/AFRelationship", "/Source");
        // The file specification registers the file stream itself; only the specification needs an object number.
        document.Internals.AddObject(specification);

        var names = new PdfArray(document);
        names.Elements.Add(new PdfString(CredentialFileName));
        names.Elements.Add(specification.Reference!);
        var tree = new PdfDictionary(document);
        tree.Elements["/Names"] = names;
        var nameDictionary = new PdfDictionary(document);
        nameDictionary.Elements["/EmbeddedFiles"] = tree;
        document.Internals.Catalog.Elements["/Names"] = nameDictionary;
    }

    private static byte[] QrPng(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        // Explicit colours: PDFsharp refuses QRCoder's default (palette with transparency) PNG.
        return new PngByteQRCode(data).GetGraphic(8, [0, 0, 0], [255, 255, 255]);
    }

    private static double Centered(XGraphics gfx, string text, XFont font, XColor color, double center, double y, double width) =>
        Lines(gfx, text, font, color, center, y, width, XStringFormats.TopCenter);

    /// <summary>Draws <paramref name="text"/> word-wrapped to <paramref name="width"/> (or only measures it); returns the y below it.</summary>
    private static double Lines(
        XGraphics gfx, string text, XFont font, XColor color, double x, double y, double width, XStringFormat format, bool draw = true)
    {
        var brush = new XSolidBrush(color);
        var lineHeight = font.GetHeight();
        foreach (var line in Wrap(gfx, text, font, width))
        {
            if (draw)
            {
                gfx.DrawString(line, font, brush, x, y, format);
            }

            y += lineHeight;
        }

        return y;
    }

    private static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (line.Length > 0 && gfx.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(line.ToString());
                    line.Clear().Append(word);
                }
                else
                {
                    line.Clear().Append(candidate);
                }
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>Inserts line breaks into a text without spaces (a URL) so each piece fits <paramref name="width"/>.</summary>
    private static string BreakAnywhere(XGraphics gfx, string text, XFont font, double width)
    {
        var result = new StringBuilder();
        var line = new StringBuilder();
        foreach (var c in text)
        {
            if (line.Length > 0 && gfx.MeasureString(line.ToString() + c, font).Width > width)
            {
                result.Append(line).Append('\n');
                line.Clear();
            }

            line.Append(c);
        }

        return result.Append(line).ToString();
    }

    /// <summary>The largest size from <paramref name="max"/> down to <paramref name="min"/> at which the text fits on one line.</summary>
    private static XFont FitFont(XGraphics gfx, string text, double max, double min, double width, bool bold)
    {
        var font = Font(max, bold);
        for (var size = max; size > min && gfx.MeasureString(text, font).Width > width; size -= 1)
        {
            font = Font(size - 1, bold);
        }

        return font;
    }

    private static XFont Font(double size, bool bold = false) =>
        new(Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private static double Mm(double millimetres) => XUnit.FromMillimeter(millimetres).Point;

    private sealed record TopicStyle(int Columns, double SpanishSize, double EnglishSize);

    private static string Spanish(DateOnly day) => DisplayDates.Long(day, CultureInfo.GetCultureInfo(Localization.Spanish));

    private static string English(DateOnly day) => DisplayDates.Long(day, CultureInfo.GetCultureInfo(Localization.English));
}
