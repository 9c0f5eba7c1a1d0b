using Certify.Domain.Questionnaires;

namespace Certify.Benchmarks;

/// <summary>A fully answered assessment: the most compliant answer to every question, with one evidence file each.</summary>
internal static class CompleteAnswers
{
    public static AnswerSheet For(QuestionnaireDefinition definition, DateOnly today) =>
        new(
            definition.Questions.ToDictionary(q => q.Code, q => Best(q, today)),
            definition.Questions.ToDictionary(q => q.Code, _ => 1));

    /// <summary>For a gate whose answers are equally compliant, the first option, which opens it in the seed files.</summary>
    private static AnswerValue Best(QuestionDefinition question, DateOnly today) => question.Type switch
    {
        AnswerType.MultipleChoice => AnswerValue.Choices(question.Options.Where(o => o.Compliance is not null).Select(o => o.Value)),
        AnswerType.YesNoNa or AnswerType.SingleChoice => AnswerValue.Choice(question.Options.MaxBy(o => o.Compliance ?? -1m)!.Value),
        AnswerType.Number => AnswerValue.Number(question.Ranges.MaxBy(r => r.Compliance ?? -1m) is { } range ? range.Min ?? range.Max ?? 0m : 0m),
        AnswerType.Date => AnswerValue.Date(today),
        _ => AnswerValue.Text("Respuesta"),
    };
}
