using Certify.Domain.Questionnaires;
using Certify.Web.Features.Reports;
using UglyToad.PdfPig;

namespace Certify.Web.Tests.Features.Reports;

public class AssessmentReportRendererTests
{
    private const string Sha = "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea";

    private static readonly AssessmentReportRenderer Renderer = new();

    internal static AssessmentReport Sample(string? comment = "Contrato firmado el 3 de marzo", int questions = 3) => new(
        AssessmentId: 42,
        LegalName: "Autopartes del Bajío, S.A. de C.V.",
        Rfc: "ABD150310K49",
        CompanyState: "Guanajuato",
        ProgramName: new LocalizedText("Distintivo de Responsabilidad Laboral", "Labour Responsibility Distinctive"),
        ProgramCode: "DRL-AUTO",
        QuestionnaireVersion: "2025.1",
        State: new LocalizedText("Aprobada", "Approved"),
        CreatedAt: new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(-6)),
        SubmittedAt: new DateTimeOffset(2026, 3, 5, 12, 30, 0, TimeSpan.FromHours(-6)),
        DecidedAt: new DateTimeOffset(2026, 3, 9, 9, 15, 0, TimeSpan.FromHours(-6)),
        SelfScore: 92.5m,
        AuditorScore: 87.25m,
        LevelCode: "B",
        Scores:
        [
            new(new LocalizedText("Subcontratación", "Subcontracting"), 100m, 90m),
            new(new LocalizedText("Libertad sindical", "Freedom of association"), 85m, 84.5m),
        ],
        Sections:
        [
            new(new LocalizedText("Subcontratación", "Subcontracting"), Enumerable.Range(1, questions).Select(i => new ReportQuestion(
                $"SUB-{i:00}",
                new LocalizedText($"¿La empresa tiene registro REPSE vigente número {i}?", $"Does the company hold a current REPSE registration number {i}?"),
                new LocalizedText("Sí", "Yes"),
                i == 1 ? comment : null,
                i == 1 ? [new ReportEvidence("acuse-repse.pdf", 12_345, Sha)] : [])).ToList()),
        ],
        Findings:
        [
            new("SUB-01", new LocalizedText("No conformidad menor", "Minor non-conformity"), "Falta la firma del representante",
                new DateOnly(2026, 4, 30), new LocalizedText("Abierto", "Open"), "Se recabarán las firmas"),
        ],
        GeneratedAt: new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.FromHours(-6)));

    [Fact]
    public void Render_Sample_HoldsTheFactsAsExtractableText()
    {
        var text = Text(Renderer.Render(Sample()));

        Assert.Contains("Autopartes del Bajío, S.A. de C.V.", text);
        Assert.Contains("RFC ABD150310K49", text);
        Assert.Contains("¿La empresa tiene registro REPSE vigente número 1?", text);
        Assert.Contains("Does the company hold a current REPSE registration number 1?", text);
        Assert.Contains("Sí / Yes", text);
        Assert.Contains("Contrato firmado el 3 de marzo", text);
        Assert.Contains("acuse-repse.pdf · 12.1 KB", text);
        Assert.Contains("SHA-256 " + Sha, text);
        Assert.Contains("Falta la firma del representante", text);
        Assert.Contains("No conformidad menor / Minor non-conformity", text);
        Assert.Contains("Se recabarán las firmas", text);
        Assert.Contains("30 de abril de 2026", text);
        Assert.Contains("Puntaje del auditor / Auditor score 87.25", text);
        Assert.Contains("Nivel / Level B", text);
        Assert.Contains("Decidida / Decided 9 de marzo de 2026, 09:15 (Ciudad de México / Mexico City)", text);
        Assert.Contains("Puntajes por sección Scores by section", text);
        Assert.Contains("Libertad sindical / Freedom of association", text);
        Assert.Contains("85 84.5", text);
    }

    [Fact]
    public void Render_LongComment_FlowsOntoTheNextPageWithEveryWordInOrder()
    {
        var words = Enumerable.Range(1, 250).Select(i => $"palabra{i:0000}").ToList();
        var comment = string.Join(' ', words);
        Assert.True(comment.Length >= 2_990, $"The comment has {comment.Length} characters.");

        using var pdf = PdfDocument.Open(Renderer.Render(Sample(comment, questions: 8)));

        var extracted = pdf.GetPages().SelectMany(p => p.GetWords().Select(w => (Page: p.Number, w.Text))).ToList();
        var found = extracted.Where(w => w.Text.StartsWith("palabra", StringComparison.Ordinal)).ToList();
        Assert.Equal(words, found.Select(w => w.Text));
        Assert.True(found.Select(w => w.Page).Distinct().Count() > 1, "The comment fits one page; it should have flowed onto the next.");
        AssertInsideThePrintableArea(pdf);
    }

    [Fact]
    public void Render_UnbrokenTextWiderThanThePage_IsCutIntoLinesInsideThePage()
    {
        var token = string.Concat(Enumerable.Repeat("ABCDEFGHIJ", 40));

        using var pdf = PdfDocument.Open(Renderer.Render(Sample(token)));

        var letters = string.Concat(pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains(token, letters);
        AssertInsideThePrintableArea(pdf);
    }

    [Fact]
    public void Render_ManyQuestions_NumbersEveryPage()
    {
        using var pdf = PdfDocument.Open(Renderer.Render(Sample(questions: 60)));

        Assert.True(pdf.NumberOfPages > 2, $"{pdf.NumberOfPages} pages");
        foreach (var page in pdf.GetPages())
        {
            var text = string.Join(' ', page.GetWords().Select(w => w.Text));
            Assert.Contains($"Página {page.Number} de {pdf.NumberOfPages} / Page {page.Number} of {pdf.NumberOfPages}", text);
            Assert.Equal(595.3, page.Width, 0.5);
            Assert.Equal(841.9, page.Height, 0.5);
        }

        AssertInsideThePrintableArea(pdf);
    }

    [Fact]
    public void Render_Fonts_AreTheEmbeddedDejaVuFaces()
    {
        using var pdf = PdfDocument.Open(Renderer.Render(Sample()));

        var fonts = pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();

        Assert.NotEmpty(fonts);
        Assert.All(fonts, name => Assert.Contains("DejaVu Sans", name));
    }

    internal static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        // Words joined by single spaces, so a phrase is found whatever line or text run it was drawn in.
        return string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    /// <summary>
    /// Every letter lies within the 18 mm margins, and nothing but the footer (below its rule, 22 mm from the bottom)
    /// enters the bottom 32 mm that the flow keeps free.
    /// </summary>
    private static void AssertInsideThePrintableArea(PdfDocument pdf)
    {
        const double margin = 18 * 72 / 25.4;
        const double footerRule = 22 * 72 / 25.4;
        const double contentBottom = 32 * 72 / 25.4;
        foreach (var page in pdf.GetPages())
        {
            foreach (var letter in page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)))
            {
                Assert.InRange(letter.BoundingBox.Left, margin - 0.5, page.Width - margin + 0.5);
                Assert.InRange(letter.BoundingBox.Right, margin - 0.5, page.Width - margin + 0.5);
                Assert.True(letter.BoundingBox.Top <= page.Height - margin + 1, $"'{letter.Value}' on page {page.Number} is above the top margin.");
            }

            var words = page.GetWords().ToList();
            Assert.Contains(words, w => w.Text == "Página" && w.BoundingBox.Top < footerRule);
            Assert.All(
                words.Where(w => w.BoundingBox.Top >= footerRule),
                w => Assert.True(w.BoundingBox.Bottom >= contentBottom - 1, $"'{w.Text}' on page {page.Number} runs into the footer."));
        }
    }
}
