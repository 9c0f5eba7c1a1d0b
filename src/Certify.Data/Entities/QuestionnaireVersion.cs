namespace Certify.Data.Entities;

/// <summary>A published questionnaire version as loaded from seed/questionnaires. Immutable: the hash pins its content.</summary>
public class QuestionnaireVersion
{
    public int Id { get; set; }
    public required string Program { get; set; }
    public required string Version { get; set; }
    public required string ContentHash { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
}
