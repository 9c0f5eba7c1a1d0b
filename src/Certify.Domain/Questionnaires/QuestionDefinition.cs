namespace Certify.Domain.Questionnaires;

/// <summary>One question of a published questionnaire. Built only by <see cref="QuestionnaireLoader"/>.</summary>
public sealed class QuestionDefinition
{
    internal QuestionDefinition(
        string code,
        string sectionCode,
        int position,
        LocalizedText text,
        LocalizedText? help,
        LocalizedText? legalBasis,
        AnswerType type,
        bool required,
        bool scored,
        decimal weight,
        Severity? severity,
        AnswerOption[] options,
        NumberRange[] ranges,
        int? maxAgeMonths,
        EvidenceRule evidence,
        ShowIf? showIf,
        int[] showIfPositions)
    {
        Code = code;
        SectionCode = sectionCode;
        Position = position;
        Text = text;
        Help = help;
        LegalBasis = legalBasis;
        Type = type;
        Required = required;
        Scored = scored;
        Weight = weight;
        Severity = severity;
        Options = options;
        Ranges = ranges;
        MaxAgeMonths = maxAgeMonths;
        Evidence = evidence;
        ShowIf = showIf;
        ShowIfPositions = showIfPositions;
    }

    public string Code { get; }

    public string SectionCode { get; }

    public LocalizedText Text { get; }

    public LocalizedText? Help { get; }

    /// <summary>The legal citation; the same in both languages unless the file gives each its own wording.</summary>
    public LocalizedText? LegalBasis { get; }

    public AnswerType Type { get; }

    /// <summary>Whether a visible question must be answered before submission.</summary>
    public bool Required { get; }

    /// <summary>Whether the answer counts towards the score. Text questions are never scored.</summary>
    public bool Scored { get; }

    /// <summary>Relative weight inside the section; 0 when the question is not scored.</summary>
    public decimal Weight { get; }

    /// <summary>Severity of a non-compliant answer; null when the question is not scored.</summary>
    public Severity? Severity { get; }

    /// <summary>Options of a choice question in document order; empty for other types.</summary>
    public IReadOnlyList<AnswerOption> Options { get; }

    /// <summary>Bands of a number question, first match wins; empty for other types.</summary>
    public IReadOnlyList<NumberRange> Ranges { get; }

    /// <summary>For a date question: the answer is compliant when it is at most this many months old.</summary>
    public int? MaxAgeMonths { get; }

    public EvidenceRule Evidence { get; }

    public ShowIf? ShowIf { get; }

    public bool IsChoice => Type is AnswerType.YesNoNa or AnswerType.SingleChoice or AnswerType.MultipleChoice;

    /// <summary>Position in document order across the whole questionnaire.</summary>
    internal int Position { get; }

    /// <summary>Positions of the questions the showIf conditions refer to, one per condition.</summary>
    internal int[] ShowIfPositions { get; }

    public AnswerOption? FindOption(string value)
    {
        foreach (var option in Options)
        {
            if (string.Equals(option.Value, value, StringComparison.Ordinal))
            {
                return option;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="answer"/> is a usable answer to this question: the right kind, and only existing
    /// options. An answer that is not usable counts as no answer everywhere (visibility, completeness, scoring).
    /// </summary>
    public bool Accepts(AnswerValue? answer)
    {
        if (answer is null)
        {
            return false;
        }

        switch (Type)
        {
            case AnswerType.YesNoNa or AnswerType.SingleChoice:
                return answer.Kind == AnswerKind.Choice && FindOption(answer.ChoiceValue!) is not null;
            case AnswerType.MultipleChoice:
                if (answer.Kind != AnswerKind.Choices || answer.ChoiceValues.Count == 0)
                {
                    return false;
                }

                foreach (var value in answer.ChoiceValues)
                {
                    if (FindOption(value) is null)
                    {
                        return false;
                    }
                }

                return true;
            case AnswerType.Number:
                return answer.Kind == AnswerKind.Number;
            case AnswerType.Date:
                return answer.Kind == AnswerKind.Date;
            default:
                return answer.Kind == AnswerKind.Text && !string.IsNullOrWhiteSpace(answer.TextValue);
        }
    }
}
