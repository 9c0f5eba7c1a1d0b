using Certify.Domain.Reviews;

namespace Certify.Data.Entities;

/// <summary>
/// The auditor's verdict on one question of one review. <see cref="Comment"/> is for the company;
/// <see cref="PrivateNote"/> is the auditor's own and never leaves the certifying body.
/// </summary>
public class Finding
{
    public long Id { get; set; }
    public long ReviewId { get; set; }
    public Review? Review { get; set; }
    public int AssessmentId { get; set; }
    public required string QuestionCode { get; set; }
    public FindingSeverity Severity { get; set; }
    public required string Comment { get; set; }
    public string? PrivateNote { get; set; }

    /// <summary>Required for non-conformities, null otherwise.</summary>
    public DateOnly? DueOn { get; set; }

    public FindingStatus Status { get; set; }

    /// <summary>What the company says it did or will do about the finding.</summary>
    public string? CorrectiveAction { get; set; }

    public DateTimeOffset? ActionProposedAt { get; set; }

    /// <summary>The Mexico City day the company was last reminded of this overdue finding.</summary>
    public DateOnly? RemindedOn { get; set; }

    /// <summary>When the overdue finding was escalated to the program admins; once per finding.</summary>
    public DateTimeOffset? EscalatedAt { get; set; }

    public List<CorrectiveEvidence> Evidence { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedByUserId { get; set; }

    /// <summary>Concurrency token, replaced by the context on every save that changes the finding.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}
