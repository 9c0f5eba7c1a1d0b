namespace Certify.Domain.Questionnaires;

/// <summary>
/// Which questions are shown for a set of answers. A question without showIf is always visible. A question with
/// showIf is visible when its conditions hold (any or all) and every question it refers to is visible itself, so
/// hiding a gate hides its dependants and theirs. The answer to a hidden question is ignored: it stays stored but
/// shows nothing else.
/// </summary>
public static class Visibility
{
    /// <summary>Stack space is used up to this many questions; a larger questionnaire uses a heap array.</summary>
    internal const int StackLimit = 512;

    public static IReadOnlySet<string> VisibleQuestions(QuestionnaireDefinition definition, IReadOnlyDictionary<string, AnswerValue> answers)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(answers);
        var questions = definition.QuestionSpan;
        var visible = questions.Length <= StackLimit ? stackalloc bool[questions.Length] : new bool[questions.Length];
        Evaluate(definition, answers, visible);
        var codes = new HashSet<string>(questions.Length, StringComparer.Ordinal);
        for (var i = 0; i < questions.Length; i++)
        {
            if (visible[i])
            {
                codes.Add(questions[i].Code);
            }
        }

        return codes;
    }

    /// <summary>
    /// Fills <paramref name="visible"/> by document position in one pass: the loader guarantees that showIf only
    /// refers to earlier questions, whose visibility is therefore already known.
    /// </summary>
    internal static void Evaluate(QuestionnaireDefinition definition, IReadOnlyDictionary<string, AnswerValue> answers, Span<bool> visible)
    {
        var questions = definition.QuestionSpan;
        for (var i = 0; i < questions.Length; i++)
        {
            visible[i] = IsVisible(questions, questions[i], answers, visible);
        }
    }

    private static bool IsVisible(ReadOnlySpan<QuestionDefinition> questions, QuestionDefinition question, IReadOnlyDictionary<string, AnswerValue> answers, Span<bool> visible)
    {
        if (question.ShowIf is not { } showIf)
        {
            return true;
        }

        var positions = question.ShowIfPositions;
        var anyHolds = false;
        var allHold = true;
        for (var c = 0; c < positions.Length; c++)
        {
            if (!visible[positions[c]])
            {
                return false;
            }

            var holds = Holds(questions[positions[c]], showIf.Conditions[c], answers);
            anyHolds |= holds;
            allHold &= holds;
        }

        return showIf.Mode == ShowIfMode.All ? allHold : anyHolds;
    }

    private static bool Holds(QuestionDefinition referenced, ShowIfCondition condition, IReadOnlyDictionary<string, AnswerValue> answers)
    {
        if (!answers.TryGetValue(referenced.Code, out var answer) || !referenced.Accepts(answer))
        {
            return false;
        }

        foreach (var value in condition.Values)
        {
            if (answer.Includes(value))
            {
                return true;
            }
        }

        return false;
    }
}
