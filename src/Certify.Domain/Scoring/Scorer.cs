using Certify.Domain.Questionnaires;

namespace Certify.Domain.Scoring;

/// <summary>
/// Scores a self-assessment. Per question: a choice counts its option's compliance; a multiple choice the mean of
/// its selected options that are not "not applicable" (not applicable when all are); a number the compliance of
/// the first range containing it (a number outside every range does not count); a date 1 when it is at most
/// <c>maxAgeMonths</c> old and not in the future, else 0; text and unscored questions never count. Hidden,
/// unanswered and not-applicable questions leave the denominator. Section score = Σ(weight × compliance) /
/// Σ(weight of the questions that count) × 100; overall = mean of the section scores weighted by section weight.
/// Rounding (2 decimals, half away from zero) happens only on the final figures.
/// </summary>
public static class Scorer
{
    private const int Decimals = 2;

    public static ScoreResult Score(QuestionnaireDefinition definition, AnswerSheet sheet, DateOnly today) =>
        Score(definition, sheet, today, adjust: null);

    /// <summary>
    /// Scores with a second opinion: for every visible question, <paramref name="adjust"/> receives the question and
    /// the compliance its answer gives (null when it does not count) and returns the compliance to use and whether the
    /// question must count as a critical failure whatever its compliance. The review's auditor score uses this.
    /// </summary>
    public static ScoreResult Score(
        QuestionnaireDefinition definition,
        AnswerSheet sheet,
        DateOnly today,
        Func<QuestionDefinition, decimal?, (decimal? Compliance, bool Critical)>? adjust)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(sheet);
        var count = definition.Questions.Count;
        var visible = count <= Visibility.StackLimit ? stackalloc bool[count] : new bool[count];
        Visibility.Evaluate(definition, sheet, visible);

        var sections = new SectionScore[definition.Sections.Count];
        List<string>? criticalFailures = null;
        var weightedSum = 0m;
        var sectionWeights = 0m;
        for (var s = 0; s < sections.Length; s++)
        {
            var section = definition.Sections[s];
            var questions = section.Questions;
            var scores = new QuestionScore[questions.Count];
            var earned = 0m;
            var applicable = 0m;
            for (var q = 0; q < scores.Length; q++)
            {
                var question = questions[q];
                decimal? compliance = null;
                if (visible[question.Position]
                    && question.Scored
                    && sheet.TryGetValue(question.Code, out var answer)
                    && question.Accepts(answer))
                {
                    compliance = ComplianceOf(question, answer, today);
                }

                var forcedCritical = false;
                if (adjust is not null && visible[question.Position])
                {
                    (compliance, forcedCritical) = adjust(question, compliance);
                }

                if (forcedCritical || (compliance == 0m && question.Severity == Severity.Critical))
                {
                    (criticalFailures ??= []).Add(question.Code);
                }

                scores[q] = new QuestionScore(question.Code, compliance, question.Weight, 0m);
                if (compliance is { } value)
                {
                    earned += question.Weight * value;
                    applicable += question.Weight;
                }
            }

            decimal? sectionScore = null;
            if (applicable > 0m)
            {
                var raw = earned / applicable * 100m;
                sectionScore = Round(raw);
                weightedSum += section.Weight * raw;
                sectionWeights += section.Weight;
                for (var q = 0; q < scores.Length; q++)
                {
                    if (scores[q].Compliance is { } value)
                    {
                        scores[q] = scores[q] with { PointsLost = Round(scores[q].Weight * (1m - value) / applicable * 100m) };
                    }
                }
            }

            sections[s] = new SectionScore(section.Code, sectionScore, section.Weight, scores);
        }

        decimal? overall = sectionWeights > 0m ? Round(weightedSum / sectionWeights) : null;
        return new ScoreResult(overall, sections, (IReadOnlyList<string>?)criticalFailures ?? []);
    }

    /// <summary>The compliance of a usable answer; null means not applicable.</summary>
    private static decimal? ComplianceOf(QuestionDefinition question, AnswerValue answer, DateOnly today)
    {
        switch (question.Type)
        {
            case AnswerType.YesNoNa or AnswerType.SingleChoice:
                return question.FindOption(answer.ChoiceValue!)!.Compliance;
            case AnswerType.MultipleChoice:
                var sum = 0m;
                var counted = 0;
                foreach (var value in answer.ChoiceValues)
                {
                    if (question.FindOption(value)!.Compliance is { } compliance)
                    {
                        sum += compliance;
                        counted++;
                    }
                }

                return counted == 0 ? null : sum / counted;
            case AnswerType.Number:
                var number = answer.NumberValue!.Value;
                foreach (var range in question.Ranges)
                {
                    if (range.Contains(number))
                    {
                        return range.Compliance;
                    }
                }

                return null;
            case AnswerType.Date:
                if (question.MaxAgeMonths is not { } months)
                {
                    return null;
                }

                var date = answer.DateValue!.Value;
                return date <= today && date >= today.AddMonths(-months) ? 1m : 0m;
            default:
                return null;
        }
    }

    private static decimal Round(decimal value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero);
}
