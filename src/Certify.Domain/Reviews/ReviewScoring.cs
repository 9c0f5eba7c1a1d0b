using Certify.Domain.Questionnaires;
using Certify.Domain.Scoring;

namespace Certify.Domain.Reviews;

/// <summary>
/// The auditor's score: the company's answers re-scored with the auditor's verdicts, by the same rules as
/// <see cref="Scorer"/> (section = Σ(weight × compliance) / Σ(applicable weight) × 100, overall = mean weighted by
/// section, rounding only on the final figures).
/// </summary>
public static class ReviewScoring
{
    /// <summary>
    /// The compliance a verdict stands for, on the questionnaire's own scale (compliant 1, partial 0.5,
    /// non-compliant 0). Conformity is compliant. An observation is compliant too: it records a remark or an
    /// improvement opportunity, not a breach (as in ISO 19011 and SMETA audits), so it must not cost points. A minor
    /// non-conformity is a partial fulfilment of the requirement, hence 0.5. Major and critical mean the requirement
    /// is not met, hence 0; critical additionally makes the result not eligible.
    /// </summary>
    public static decimal ComplianceOf(FindingSeverity verdict) => verdict switch
    {
        FindingSeverity.Conformity or FindingSeverity.Observation => 1m,
        FindingSeverity.Minor => 0.5m,
        FindingSeverity.Major or FindingSeverity.Critical => 0m,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };

    /// <summary>
    /// Scores <paramref name="companyAnswers"/> with <paramref name="verdicts"/> (by question code) applied. Visibility
    /// comes from the company's answers; a verdict on a hidden question is ignored, as hidden questions are not
    /// applicable. On a visible scored question a verdict replaces the company's compliance, so a question the
    /// company marked not applicable counts once the auditor judges it; without a verdict the company's compliance
    /// (or its exclusion) stands. <see cref="ScoreResult.CriticalFailures"/> lists, in document order, the visible
    /// questions with a critical verdict (scored or not: the auditor's judgement is what makes it critical) and the
    /// critical questions whose resulting compliance is 0, such as a critical question judged major.
    /// </summary>
    /// <exception cref="ArgumentException">A verdict names a question that is not in <paramref name="definition"/>.</exception>
    public static ScoreResult AuditorScore(
        QuestionnaireDefinition definition,
        AnswerSheet companyAnswers,
        IReadOnlyDictionary<string, FindingSeverity> verdicts,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(companyAnswers);
        ArgumentNullException.ThrowIfNull(verdicts);
        foreach (var code in verdicts.Keys)
        {
            if (definition.FindQuestion(code) is null)
            {
                throw new ArgumentException($"The verdict on {code} names no question of {definition.Program} {definition.Version}.", nameof(verdicts));
            }
        }

        return Scorer.Score(definition, companyAnswers, today, (question, compliance) =>
            verdicts.TryGetValue(question.Code, out var verdict)
                ? (question.Scored ? ComplianceOf(verdict) : compliance, verdict == FindingSeverity.Critical)
                : (compliance, false));
    }
}
