using System.Globalization;
using System.Resources;
using System.Security.Claims;
using Certify.Data;
using Certify.Domain.Companies;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using Certify.Domain.Scoring;
using Certify.Web.Features.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Reports;

/// <summary>A rendered report and the name to save it as.</summary>
public sealed record ReportDownload(byte[] Content, string FileName);

/// <summary>
/// Builds the company's assessment report: for members of the company, and for active staff of the program's certifying
/// body once the assessment was submitted to it (the rule evidence downloads follow). Anyone else gets null, which the
/// endpoint answers with 404. Findings come from <see cref="CompanyFindings"/>, so the private note is never read.
/// </summary>
public sealed class AssessmentReportService(
    IDbContextFactory<CertifyDbContext> dbFactory,
    TenantAccess access,
    QuestionnaireRegistry registry,
    AssessmentReportRenderer renderer,
    TimeProvider clock)
{
    private static readonly ResourceManager Labels = new(typeof(Resources.Assessments));
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-MX");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The PDF, or null when the assessment is not the company's or the user may not see it.</summary>
    public async Task<ReportDownload?> RenderAsync(int companyId, int assessmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await BuildAsync(companyId, assessmentId, user, ct) is not { } report)
        {
            return null;
        }

        return new ReportDownload(renderer.Render(report), FileName(assessmentId));
    }

    public static string FileName(int assessmentId) => $"certify-reporte-{assessmentId}.pdf";

    /// <summary>The report's content, or null when the user may not see it.</summary>
    public async Task<AssessmentReport?> BuildAsync(int companyId, int assessmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Assessments.AsNoTracking()
            .Where(a => a.Id == assessmentId && a.CompanyId == companyId)
            .Select(a => new
            {
                a.ProgramId, a.QuestionnaireVersionId, a.State, a.CreatedAt, a.SubmittedAt, a.SubmissionCount,
                a.Company!.LegalName, a.Company.Rfc, CompanyState = a.Company.State, a.Program!.Code, a.Program.CertifyingBodyId,
            })
            .SingleOrDefaultAsync(ct);
        if (row is null || !await access.CanReadCompanyRecordAsync(user, companyId, row.CertifyingBodyId, row.SubmissionCount > 0, ct))
        {
            return null;
        }

        var definition = registry.ForVersion(row.QuestionnaireVersionId);
        var sheet = await AnswerSheets.LoadAsync(db, assessmentId, ct);
        var comments = await db.Answers.AsNoTracking().Where(a => a.AssessmentId == assessmentId && a.Comment != null)
            .ToDictionaryAsync(a => a.QuestionCode, a => a.Comment!, ct);
        var evidence = await db.EvidenceFiles.AsNoTracking().Where(e => e.AssessmentId == assessmentId).OrderBy(e => e.Id)
            .Select(e => new { e.QuestionCode, File = new ReportEvidence(e.FileName, e.Size, e.Sha256) })
            .ToListAsync(ct);
        var findings = CompanyFindings.VisibleIn(row.State)
            ? (await CompanyFindings.CurrentAsync(db, [assessmentId], ct))[assessmentId].ToList()
            : [];
        var review = await db.Reviews.AsNoTracking().Where(r => r.AssessmentId == assessmentId)
            .OrderByDescending(r => r.SubmissionNumber)
            .Select(r => new { r.DecidedAt, r.AuditorScore, r.LevelCode })
            .FirstOrDefaultAsync(ct);

        var today = BodyCalendar.Today(clock);
        var self = Scorer.Score(definition, sheet, today);
        // The auditor's figures exist once approved; per section they are re-derived from the same verdicts.
        var auditor = review?.AuditorScore is null
            ? null
            : ReviewScoring.AuditorScore(definition, sheet, findings.ToDictionary(f => f.QuestionCode, f => f.Severity, StringComparer.Ordinal), today);
        var visible = Visibility.VisibleQuestions(definition, sheet);
        var files = evidence.ToLookup(e => e.QuestionCode, e => e.File);

        return new AssessmentReport(
            assessmentId,
            row.LegalName,
            row.Rfc,
            MexicanStates.DisplayName(row.CompanyState),
            registry.Program(row.ProgramId).Name,
            row.Code,
            definition.Version,
            Label($"State_{row.State}"),
            BodyCalendar.Local(row.CreatedAt),
            row.SubmittedAt is { } submitted ? BodyCalendar.Local(submitted) : null,
            review?.DecidedAt is { } decided ? BodyCalendar.Local(decided) : null,
            self.Overall,
            review?.AuditorScore,
            review?.LevelCode,
            definition.Sections.Select((section, i) => new ReportSectionScore(section.Title, self.Sections[i].Score, auditor?.Sections[i].Score)).ToList(),
            definition.Sections.Select(section => new ReportSection(
                section.Title,
                section.Questions.Where(q => visible.Contains(q.Code)).Select(q => new ReportQuestion(
                    q.Code,
                    q.Text,
                    sheet.TryGetValue(q.Code, out var value) ? new LocalizedText(AnswerDisplay.Label(q, value, Spanish), AnswerDisplay.Label(q, value, English)) : null,
                    comments.GetValueOrDefault(q.Code),
                    files[q.Code].ToList())).ToList())).ToList(),
            findings.Select(f => new ReportFinding(
                f.QuestionCode, Label($"FindingSeverity_{f.Severity}"), f.Comment, f.DueOn, Label($"FindingStatus_{f.Status}"), f.CorrectiveAction)).ToList(),
            BodyCalendar.Local(clock.GetUtcNow()));
    }

    /// <summary>A label of the Assessments resources in both languages, so the report reads the same words as the pages.</summary>
    private static LocalizedText Label(string key) =>
        new(Labels.GetString(key, Spanish) ?? key, Labels.GetString(key, English) ?? key);
}
