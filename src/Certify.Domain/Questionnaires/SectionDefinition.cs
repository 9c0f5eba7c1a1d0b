namespace Certify.Domain.Questionnaires;

/// <summary>A topic of the questionnaire with its questions in document order.</summary>
public sealed class SectionDefinition
{
    internal SectionDefinition(string code, decimal weight, LocalizedText title, LocalizedText? description, QuestionDefinition[] questions)
    {
        Code = code;
        Weight = weight;
        Title = title;
        Description = description;
        Questions = questions;
    }

    public string Code { get; }

    /// <summary>Relative weight of the section in the overall score.</summary>
    public decimal Weight { get; }

    public LocalizedText Title { get; }

    public LocalizedText? Description { get; }

    public IReadOnlyList<QuestionDefinition> Questions { get; }
}
