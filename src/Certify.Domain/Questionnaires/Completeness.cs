namespace Certify.Domain.Questionnaires;

/// <summary>What is still missing before submission, in document order.</summary>
public static class Completeness
{
    /// <summary>
    /// Every visible required question needs a usable answer (see <see cref="QuestionDefinition.Accepts"/>).
    /// Every visible answered question whose evidence rule is <c>required</c> — for all answers, or only for the
    /// answers in <c>whenAnswers</c> — needs at least one evidence file. Evidence is asked for only once the
    /// answer is there, because the answer decides whether it is needed. A visible question with files carried over
    /// by a renewal needs each of them confirmed or removed. Hidden questions never need anything.
    /// </summary>
    public static IReadOnlyList<MissingItem> Check(QuestionnaireDefinition definition, AnswerSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(sheet);
        var questions = definition.QuestionSpan;
        var visible = questions.Length <= Visibility.StackLimit ? stackalloc bool[questions.Length] : new bool[questions.Length];
        Visibility.Evaluate(definition, sheet, visible);

        var missing = new List<MissingItem>();
        for (var i = 0; i < questions.Length; i++)
        {
            var question = questions[i];
            if (!visible[i])
            {
                continue;
            }

            if (sheet.UnconfirmedEvidenceCount(question.Code) > 0)
            {
                missing.Add(new MissingItem(question.SectionCode, question.Code, MissingKind.EvidenceToConfirm));
            }

            if (!sheet.TryGetValue(question.Code, out var answer) || !question.Accepts(answer))
            {
                if (question.Required)
                {
                    missing.Add(new MissingItem(question.SectionCode, question.Code, MissingKind.Answer));
                }

                continue;
            }

            if (question.Evidence.AppliesTo(answer) && sheet.EvidenceCount(question.Code) <= 0)
            {
                missing.Add(new MissingItem(question.SectionCode, question.Code, MissingKind.Evidence));
            }
        }

        return missing;
    }
}
