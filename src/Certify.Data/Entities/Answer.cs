namespace Certify.Data.Entities;

/// <summary>One saved answer. <see cref="Version"/> rises on every save so concurrent editors never overwrite silently.</summary>
public class Answer
{
    public long Id { get; set; }
    public int AssessmentId { get; set; }
    public Assessment? Assessment { get; set; }
    public required string QuestionCode { get; set; }

    /// <summary>The answer value as JSON (see AnswerJson); null when the answer was cleared.</summary>
    public string? ValueJson { get; set; }

    public string? Comment { get; set; }
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedByUserId { get; set; }
    public string? UpdatedByName { get; set; }
}
