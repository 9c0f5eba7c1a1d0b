using Certify.Data;
using Certify.Domain.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Assessments;

/// <summary>An assessment's stored answers and evidence counts, in the shape the domain's scoring rules read.</summary>
public static class AnswerSheets
{
    public static async Task<AnswerSheet> LoadAsync(CertifyDbContext db, int assessmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var answers = await db.Answers.AsNoTracking().Where(a => a.AssessmentId == assessmentId && a.ValueJson != null)
            .Select(a => new { a.QuestionCode, a.ValueJson }).ToListAsync(ct);
        var evidence = await db.EvidenceFiles.AsNoTracking().Where(e => e.AssessmentId == assessmentId)
            .GroupBy(e => e.QuestionCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new AnswerSheet(
            answers.ToDictionary(a => a.QuestionCode, a => AnswerJson.Deserialize(a.ValueJson)!),
            evidence.ToDictionary(e => e.Key, e => e.Count));
    }
}
