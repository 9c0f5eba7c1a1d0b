using System.Globalization;
using Certify.Domain.Questionnaires;
using Certify.Web.Features.Distinctives.Certificates;
using Certify.Web.Infrastructure;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Certify.Web.Features.Reports;

/// <summary>
/// Draws the company's assessment report with PDFsharp on A4 pages: every heading and label in Spanish first and
/// English after it in smaller grey type, text wrapped and flowed by <see cref="PdfFlow"/>, and "Página n de m /
/// Page n of m" on every page. Uses the certificate's embedded DejaVu fonts, so no operating-system font is needed.
/// Stateless and safe to call from several threads at once: each call builds its own document.
/// </summary>
public sealed class AssessmentReportRenderer
{
    private const string Family = CertificateFontResolver.FamilyName;

    private static readonly XColor Navy = XColor.FromArgb(0x0b, 0x53, 0x94);
    private static readonly XColor Ink = XColor.FromArgb(0x1f, 0x29, 0x33);
    private static readonly XColor Grey = XColor.FromArgb(0x6b, 0x72, 0x80);
    private static readonly XColor Rule = XColor.FromArgb(0xc9, 0xd3, 0xdf);

    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-MX");

    private static readonly double Margin = Mm(18);
    private static readonly double FooterHeight = Mm(14);

    /// <summary>Width of the label column of the facts and of the score table's name column.</summary>
    private static readonly double LabelWidth = Mm(58);

    private static readonly double ScoreColumn = Mm(32);

    static AssessmentReportRenderer() => CertificateFontResolver.EnsureRegistered();

    public byte[] Render(AssessmentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);

        using var document = new PdfDocument();
        document.Info.Title = $"Reporte de evaluación / Assessment report {report.AssessmentId} — {report.LegalName}";
        document.Info.Author = "Certify";
        document.Info.Subject = $"{report.ProgramCode} {report.QuestionnaireVersion} — {report.Rfc}";
        document.Info.Creator = "Certify";
        document.Info.CreationDate = report.GeneratedAt.UtcDateTime;
        document.Info.ModificationDate = report.GeneratedAt.UtcDateTime;
        document.Options.CompressContentStreams = true;

        List<PdfPage> pages;
        using (var flow = new PdfFlow(document, Margin, Margin + FooterHeight))
        {
            Header(flow, report);
            Scores(flow, report);
            Answers(flow, report);
            Findings(flow, report);
            pages = flow.Pages;
        }

        Footers(pages, report);
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Header(PdfFlow flow, AssessmentReport report)
    {
        var gfx = flow.Graphics;
        gfx.DrawRectangle(new XSolidBrush(Navy), 0, 0, PdfFlow.PageWidth, Mm(6));
        flow.Paragraph([new("REPORTE DE EVALUACIÓN", Font(9, bold: true), Navy), new("/ ASSESSMENT REPORT", Font(7.5), Grey)], spaceAfter: Mm(2));
        flow.Paragraph(report.LegalName, Font(16, bold: true), Ink, spaceAfter: Mm(0.5));
        flow.Paragraph($"RFC {report.Rfc} · {report.CompanyState}", Font(10.5), Ink, spaceAfter: Mm(2));
        flow.Paragraph(report.ProgramName.Es, Font(12, bold: true), Navy);
        flow.Paragraph(report.ProgramName.En, Font(9), Grey, spaceAfter: Mm(3));
        flow.Rule(Rule, Mm(3));

        Fact(flow, "Programa", "Program", $"{report.ProgramCode}");
        Fact(flow, "Versión del cuestionario", "Questionnaire version", report.QuestionnaireVersion);
        Fact(flow, "Estado de la evaluación", "Assessment state", Both(report.State));
        Fact(flow, "Creada", "Created", Date(report.CreatedAt));
        Fact(flow, "Enviada", "Submitted", Date(report.SubmittedAt));
        Fact(flow, "Decidida", "Decided", Date(report.DecidedAt));
        Fact(flow, "Puntaje de autoevaluación", "Self score", Points(report.SelfScore));
        Fact(flow, "Puntaje del auditor", "Auditor score", Points(report.AuditorScore));
        Fact(flow, "Nivel", "Level", report.LevelCode ?? "—");
        Fact(flow, "Generado", "Generated", Date(report.GeneratedAt));
        flow.Paragraph([
            new("Fechas en hora de la Ciudad de México; puntajes de 0 a 100. ", Font(7.5), Grey),
            new("Dates in Mexico City time; scores from 0 to 100.", Font(7), Grey),
        ], spaceAfter: Mm(3));
    }

    /// <summary>One label/value row of the header: the label in its column, the value wrapped in the rest.</summary>
    private static void Fact(PdfFlow flow, string spanish, string english, string value)
    {
        TextRun[] label = [new(spanish, Font(8.5), Ink), new("/ " + english, Font(7.5), Grey)];
        TextRun[] text = [new(value, Font(9.5, bold: true), Ink)];
        Columns(flow, label, LabelWidth, text, Mm(1.2));
    }

    private static void Scores(PdfFlow flow, AssessmentReport report)
    {
        Heading(flow, "Puntajes por sección", "Scores by section");
        var nameWidth = flow.Width - 2 * ScoreColumn;
        TableRow(flow, [new("Sección", Font(8.5, bold: true), Ink), new("/ Section", Font(7.5), Grey)], nameWidth,
            ("Autoevaluación", "Self"), ("Auditor", "Auditor"));
        flow.Rule(Rule, Mm(1));
        foreach (var score in report.Scores)
        {
            TableRow(flow, Bilingual(score.Title, 9), nameWidth, (Points(score.Self), null), (Points(score.Auditor), null));
        }

        flow.Rule(Rule, Mm(1));
        TableRow(flow, [new("General", Font(9, bold: true), Ink), new("/ Overall", Font(7.5), Grey)], nameWidth,
            (Points(report.SelfScore), null), (Points(report.AuditorScore), null));
        flow.Y += Mm(3);
    }

    /// <summary>A table row: the name wrapped in its column, then right-aligned cells of one line (Spanish over English).</summary>
    private static void TableRow(PdfFlow flow, IReadOnlyList<TextRun> name, double nameWidth, params (string Es, string? En)[] cells)
    {
        var cellHeight = Font(9).GetHeight() + (cells.Any(c => c.En is not null) ? Font(7.5).GetHeight() : 0);
        var height = Math.Max(flow.Measure(name, nameWidth), cellHeight) + Mm(1);
        flow.KeepTogether(height);
        var top = flow.Y;
        flow.Paragraph(name, width: nameWidth);
        for (var i = 0; i < cells.Length; i++)
        {
            var right = flow.Left + nameWidth + (i + 1) * ScoreColumn;
            var box = new XRect(right - ScoreColumn, top, ScoreColumn, Font(9).GetHeight());
            flow.Graphics.DrawString(cells[i].Es, Font(9, bold: cells[i].En is null), new XSolidBrush(Ink), box, XStringFormats.TopRight);
            if (cells[i].En is { } english)
            {
                box.Offset(0, Font(9).GetHeight());
                flow.Graphics.DrawString(english, Font(7.5), new XSolidBrush(Grey), box, XStringFormats.TopRight);
            }
        }

        flow.Y = top + height;
    }

    private static void Answers(PdfFlow flow, AssessmentReport report)
    {
        Heading(flow, "Respuestas", "Answers");
        foreach (var section in report.Sections)
        {
            flow.KeepTogether(Mm(25));
            flow.Paragraph(section.Title.Es, Font(11, bold: true), Navy);
            flow.Paragraph(section.Title.En, Font(8.5), Grey, spaceAfter: Mm(1));
            flow.Rule(Navy, Mm(2));
            foreach (var question in section.Questions)
            {
                Question(flow, question);
            }

            flow.Y += Mm(2);
        }
    }

    private static void Question(PdfFlow flow, ReportQuestion question)
    {
        TextRun[] title = [new(question.Code, Font(9, bold: true), Navy), new(question.Text.Es, Font(9.5), Ink)];
        // The question's heading stays with at least its English line and the answer.
        flow.KeepTogether(flow.Measure(title, flow.Width) + Mm(10));
        flow.Paragraph(title);
        flow.Paragraph(question.Text.En, Font(8), Grey, indent: Mm(4), spaceAfter: Mm(1));

        var answer = question.Answer is { } a
            ? a.Es == a.En ? [new TextRun(a.Es, Font(9.5, bold: true), Ink)] : [new(a.Es, Font(9.5, bold: true), Ink), new("/ " + a.En, Font(8), Grey)]
            : new TextRun[] { new("Sin respuesta", Font(9.5, bold: true), Ink), new("/ No answer", Font(8), Grey) };
        flow.Paragraph([Label("Respuesta", "Answer"), .. answer], indent: Mm(4), spaceAfter: Mm(0.8));
        if (!string.IsNullOrWhiteSpace(question.Comment))
        {
            flow.Paragraph([Label("Comentario de la empresa", "Company's comment"), new(question.Comment, Font(9), Ink)], indent: Mm(4), spaceAfter: Mm(0.8));
        }

        if (question.Evidence.Count > 0)
        {
            flow.Paragraph([Label("Evidencia", "Evidence")], indent: Mm(4));
            foreach (var file in question.Evidence)
            {
                flow.KeepTogether(Font(8.5).GetHeight() + Font(7.5).GetHeight());
                flow.Paragraph([new("•", Font(8.5), Navy), new(file.FileName, Font(8.5), Ink), new("· " + AnswerDisplay.FileSize(file.Size, Spanish), Font(8), Grey)], indent: Mm(6));
                flow.Paragraph([new("SHA-256", Font(7.5), Grey), new(file.Sha256, Font(7.5), Ink)], indent: Mm(9), spaceAfter: Mm(0.5));
            }
        }

        flow.Y += Mm(1.5);
        flow.Rule(Rule, Mm(2));
    }

    private static void Findings(PdfFlow flow, AssessmentReport report)
    {
        flow.Y += Mm(2);
        Heading(flow, "Hallazgos y acciones correctivas", "Findings and corrective actions");
        if (report.Findings.Count == 0)
        {
            flow.Paragraph([
                new("No hay hallazgos visibles para la empresa en este estado.", Font(9), Ink),
                new("/ No findings are visible to the company in this state.", Font(8), Grey),
            ]);
            return;
        }

        foreach (var finding in report.Findings)
        {
            TextRun[] title = [new(finding.QuestionCode, Font(9.5, bold: true), Navy), new(finding.Severity.Es, Font(9.5, bold: true), Ink), new("/ " + finding.Severity.En, Font(8), Grey)];
            flow.KeepTogether(flow.Measure(title, flow.Width) + Mm(12));
            flow.Paragraph(title, spaceAfter: Mm(0.8));
            flow.Paragraph([Label("Estatus", "Status"), new(Both(finding.Status), Font(9), Ink)], indent: Mm(4), spaceAfter: Mm(0.8));
            flow.Paragraph([Label("Fecha límite", "Due date"), new(finding.DueOn is { } due ? DisplayDates.Long(due, Spanish) : "—", Font(9), Ink)], indent: Mm(4), spaceAfter: Mm(0.8));
            flow.Paragraph([Label("Comentario para la empresa", "Comment for the company"), new(finding.Comment, Font(9), Ink)], indent: Mm(4), spaceAfter: Mm(0.8));
            flow.Paragraph([Label("Acción correctiva", "Corrective action"), new(finding.CorrectiveAction ?? "—", Font(9), Ink)], indent: Mm(4));
            flow.Y += Mm(1.5);
            flow.Rule(Rule, Mm(2));
        }
    }

    private static void Heading(PdfFlow flow, string spanish, string english)
    {
        flow.KeepTogether(Mm(30));
        flow.Paragraph(spanish, Font(13, bold: true), Navy);
        flow.Paragraph(english, Font(9), Grey, spaceAfter: Mm(2));
    }

    /// <summary>Two columns side by side: <paramref name="left"/> in <paramref name="leftWidth"/>, <paramref name="right"/> in the rest.</summary>
    private static void Columns(PdfFlow flow, IReadOnlyList<TextRun> left, double leftWidth, IReadOnlyList<TextRun> right, double spaceAfter)
    {
        var rightWidth = flow.Width - leftWidth;
        var height = Math.Max(flow.Measure(left, leftWidth), flow.Measure(right, rightWidth));
        flow.KeepTogether(height);
        var top = flow.Y;
        flow.Paragraph(left, width: leftWidth);
        flow.Y = top;
        flow.Paragraph(right, indent: leftWidth);
        flow.Y = top + height + spaceAfter;
    }

    /// <summary>"Página n de m / Page n of m" and the report's name on every page, drawn once the page count is known.</summary>
    private static void Footers(List<PdfPage> pages, AssessmentReport report)
    {
        var font = Font(7);
        var y = PdfFlow.PageHeight - Margin - Mm(2);
        for (var i = 0; i < pages.Count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(pages[i], XGraphicsPdfPageOptions.Append);
            gfx.DrawLine(new XPen(Rule, 0.5), Margin, y - Mm(2), PdfFlow.PageWidth - Margin, y - Mm(2));
            var width = PdfFlow.PageWidth - 2 * Margin;
            gfx.DrawString($"Certify · Reporte de evaluación / Assessment report {report.AssessmentId} · RFC {report.Rfc}",
                font, new XSolidBrush(Grey), new XRect(Margin, y, width, font.GetHeight()), XStringFormats.TopLeft);
            gfx.DrawString($"Página {i + 1} de {pages.Count} / Page {i + 1} of {pages.Count}",
                font, new XSolidBrush(Ink), new XRect(Margin, y, width, font.GetHeight()), XStringFormats.TopRight);
        }
    }

    private static TextRun[] Bilingual(LocalizedText text, double size) =>
        text.Es == text.En ? [new(text.Es, Font(size), Ink)] : [new(text.Es, Font(size), Ink), new("/ " + text.En, Font(size - 1.5), Grey)];

    private static TextRun Label(string spanish, string english) => new($"{spanish} / {english}:", Font(7.5), Grey);

    private static string Both(LocalizedText text) => text.Es == text.En ? text.Es : $"{text.Es} / {text.En}";

    private static string Date(DateTimeOffset? value) => value is { } instant ? $"{DisplayDates.LongWithTime(instant, Spanish)} (Ciudad de México / Mexico City)" : "—";

    private static string Points(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—";

    private static XFont Font(double size, bool bold = false) =>
        new(Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private static double Mm(double millimetres) => XUnit.FromMillimeter(millimetres).Point;
}
