namespace Certify.Domain.Questionnaires;

/// <summary>
/// A filled-in questionnaire for demo data, benchmarks and tests: every visible question answered (round after round,
/// because an answer can show more questions) and the questions whose answers then need evidence.
/// </summary>
public static class SampleAnswers
{
    /// <summary>
    /// Answers each visible question with its most compliant answer, or its least compliant one where
    /// <paramref name="nonCompliant"/> says so. Dates are a month before <paramref name="today"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A required question could not be answered acceptably.</exception>
    public static SampleSheet Fill(QuestionnaireDefinition definition, DateOnly today, Func<QuestionDefinition, bool>? nonCompliant = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var answers = new Dictionary<string, AnswerValue>(StringComparer.Ordinal);
        while (Visibility.VisibleQuestions(definition, answers).Where(code => !answers.ContainsKey(code)).ToList() is { Count: > 0 } open)
        {
            foreach (var code in open)
            {
                var question = definition.FindQuestion(code)!;
                answers[code] = Answer(question, today, worst: nonCompliant?.Invoke(question) ?? false);
            }
        }

        var missing = Completeness.Check(definition, new AnswerSheet(answers));
        if (missing.FirstOrDefault(m => m.Kind != MissingKind.Evidence) is { } unanswered)
        {
            throw new InvalidOperationException($"No acceptable sample answer for {unanswered.QuestionCode}.");
        }

        return new SampleSheet(answers, missing.Select(m => m.QuestionCode).ToList());
    }

    private static AnswerValue Answer(QuestionDefinition question, DateOnly today, bool worst)
    {
        Func<decimal?, decimal> rank = worst ? c => -(c ?? 2m) : c => c ?? -1m;
        return question.Type switch
        {
            AnswerType.YesNoNa or AnswerType.SingleChoice => AnswerValue.Choice(question.Options.MaxBy(o => rank(o.Compliance))!.Value),
            AnswerType.MultipleChoice => AnswerValue.Choices(worst
                ? [question.Options.MaxBy(o => rank(o.Compliance))!.Value]
                : question.Options.Where(o => o.Compliance is not null).Select(o => o.Value)),
            AnswerType.Number => AnswerValue.Number(question.Ranges.MaxBy(r => rank(r.Compliance)) is { } range ? range.Min ?? range.Max ?? 0m : 0m),
            AnswerType.Date => AnswerValue.Date(today.AddMonths(-1)),
            _ => AnswerValue.Text(worst ? "Sin información" : "Documentado en el expediente de RH."),
        };
    }
}

/// <summary>Sample answers by question code, and the questions that need an evidence file for the sheet to be complete.</summary>
public sealed record SampleSheet(IReadOnlyDictionary<string, AnswerValue> Answers, IReadOnlyList<string> EvidenceFor);
