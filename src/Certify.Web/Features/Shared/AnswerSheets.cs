using Certify.Data;
using Certify.Domain.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Shared;

/// <summary>An assessment's answers and evidence counts (all files, and those waiting to be confirmed), in the shape the domain's scoring rules read.</summary>
public static class AnswerSheets
{
    public static async Task<AnswerSheet> LoadAsync(CertifyDbContext db, int assessmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var answers = await db.Answers.AsNoTracking().Where(a => a.AssessmentId == assessmentId && a.ValueJson != null)
            .Select(a => new { a.QuestionCode, a.ValueJson }).ToListAsync(ct);
        var evidence = await db.EvidenceFiles.AsNoTracking().Where(e => e.AssessmentId == assessmentId)
            .GroupBy(e => e.QuestionCode)
            .Select(g => new { g.Key, Count = g.Count(), Unconfirmed = g.Count(e => e.PendingConfirmation) }).ToListAsync(ct);
        return new AnswerSheet(
            answers.ToDictionary(a => a.QuestionCode, a => AnswerJson.Deserialize(a.ValueJson)!),
            evidence.ToDictionary(e => e.Key, e => e.Count),
            evidence.Where(e => e.Unconfirmed > 0).ToDictionary(e => e.Key, e => e.Unconfirmed));
    }

    /// <summary>A sheet over answers already in memory and the files listed for them.</summary>
    public static AnswerSheet Of(IReadOnlyDictionary<string, AnswerValue> answers, IEnumerable<EvidenceItem> evidence)
    {
        var files = evidence.ToList();
        return new AnswerSheet(
            answers,
            files.GroupBy(e => e.QuestionCode).ToDictionary(g => g.Key, g => g.Count()),
            files.Where(e => e.PendingConfirmation).GroupBy(e => e.QuestionCode).ToDictionary(g => g.Key, g => g.Count()));
    }
}
