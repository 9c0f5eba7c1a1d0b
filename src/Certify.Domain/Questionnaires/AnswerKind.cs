namespace Certify.Domain.Questionnaires;

/// <summary>Which case of <see cref="AnswerValue"/> a value is.</summary>
public enum AnswerKind
{
    /// <summary>One option value (yesNoNa, singleChoice).</summary>
    Choice,

    /// <summary>Several option values (multipleChoice).</summary>
    Choices,
    Number,
    Date,
    Text,
}
