using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using Certify.Web.Features.Distinctives.Certificates;
using Certify.Web.Infrastructure.Files;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Certify.Web.Data;

/// <summary>
/// What a demo assessment holds so the demo reads like real use: every question answered, one small PDF wherever
/// evidence is required, and — the lower the level, the more — non-compliant answers that the auditor recorded as
/// findings and the company closed with a corrective action. Deterministic, so every fresh clone shows the same
/// dashboard.
/// </summary>
internal static class DemoAssessmentContent
{
    /// <summary>Every how-many-th question of the level's weak sections is answered non-compliantly.</summary>
    private static (string[] Sections, int Every, FindingSeverity Severity) Weakness(string? level) => level switch
    {
        "A" => ([], 0, FindingSeverity.Minor),
        "B" => (["IGU"], 4, FindingSeverity.Minor),
        _ => (["SUB", "LIB"], 3, FindingSeverity.Major),
    };

    /// <summary>Adds the content to the saved <paramref name="assessment"/> and <paramref name="review"/>; the caller saves.</summary>
    public static async Task AddAsync(
        CertifyDbContext db, Assessment assessment, Review review, QuestionnaireDefinition definition, IFileStore files, string userId, CancellationToken ct)
    {
        var (sections, every, severity) = Weakness(review.LevelCode);
        var weak = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in definition.Sections.Where(s => sections.Contains(s.Code)))
        {
            weak.UnionWith(section.Questions.Where((_, i) => (i + 1) % every == 0).Select(q => q.Code));
        }

        var answeredAt = assessment.SubmittedAt ?? assessment.CreatedAt;
        var sample = SampleAnswers.Fill(definition, DateOnly.FromDateTime(answeredAt.UtcDateTime), q => weak.Contains(q.Code));
        foreach (var (code, value) in sample.Answers)
        {
            assessment.Answers.Add(new Answer
            {
                QuestionCode = code, ValueJson = AnswerJson.Serialize(value), Version = 1,
                UpdatedAt = answeredAt, UpdatedByUserId = userId, UpdatedByName = "Demo RH",
            });
        }

        foreach (var code in sample.EvidenceFor)
        {
            using var pdf = new MemoryStream(Pdf(definition.FindQuestion(code)!));
            var stored = await files.SaveAsync(pdf, ".pdf", ct);
            assessment.Evidence.Add(new EvidenceFile
            {
                QuestionCode = code, FileName = $"evidencia-{code.ToLowerInvariant()}.pdf", StorageKey = stored.Key,
                ContentType = "application/pdf", Size = stored.Size, Sha256 = stored.Sha256, UploadedAt = answeredAt, UploadedByUserId = userId,
            });
        }

        var decidedAt = review.DecidedAt ?? answeredAt;
        foreach (var code in sample.Answers.Keys.Where(weak.Contains))
        {
            db.Findings.Add(new Finding
            {
                ReviewId = review.Id, AssessmentId = assessment.Id, QuestionCode = code, Severity = severity,
                Comment = "La respuesta y la evidencia muestran un incumplimiento; presente un plan de acción.",
                DueOn = DateOnly.FromDateTime(BodyCalendar.Local(decidedAt).DateTime).AddDays(60),
                Status = FindingStatus.Closed,
                CorrectiveAction = "Se corrigió el procedimiento y se capacitó al personal responsable; se adjunta la constancia.",
                ActionProposedAt = decidedAt.AddDays(20),
                CreatedAt = decidedAt, UpdatedAt = decidedAt.AddDays(25), UpdatedByUserId = review.AuditorUserId ?? userId,
            });
        }
    }

    /// <summary>A one-page PDF that says what it stands for.</summary>
    private static byte[] Pdf(QuestionDefinition question)
    {
        CertificateFontResolver.EnsureRegistered();
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var font = new XFont(CertificateFontResolver.FamilyName, 11);
            graphics.DrawString("Evidencia de demostración — Certify", new XFont(CertificateFontResolver.FamilyName, 14, XFontStyleEx.Bold), XBrushes.Black, 50, 60);
            graphics.DrawString($"{question.Code}", font, XBrushes.Black, 50, 90);
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
