namespace Certify.Data.Entities;

/// <summary>
/// One submission under review: created by the routing job once per submission (unique on assessment + number),
/// assigned to an auditor or left for one to claim, and e-mailed to that auditor once.
/// </summary>
public class Review
{
    public long Id { get; set; }
    public int AssessmentId { get; set; }
    public Assessment? Assessment { get; set; }
    public int SubmissionNumber { get; set; }

    /// <summary>Null while nobody eligible was found; the submission waits to be claimed.</summary>
    public string? AuditorUserId { get; set; }

    public ApplicationUser? Auditor { get; set; }

    /// <summary>Higher is more urgent: the company's risk score (0–100) when the review was created; see the domain's RiskModel.</summary>
    public int Priority { get; set; }

    /// <summary>The version of the program's risk model that gave <see cref="Priority"/>.</summary>
    public int? PriorityModelVersion { get; set; }

    public DateOnly DueOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>Set when the auditor's e-mail was queued, so a re-run never e-mails twice.</summary>
    public DateTimeOffset? EmailedAt { get; set; }

    /// <summary>Why the submission was rejected; shown to the company.</summary>
    public string? DecisionReason { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The auditor's score when approved, 0–100.</summary>
    public decimal? AuditorScore { get; set; }

    /// <summary>The level granted on approval (e.g. "B"); null when no level was reached or not yet approved.</summary>
    public string? LevelCode { get; set; }

    /// <summary>Four eyes: set when an auditor's approval waits for a program admin, cleared when sent back.</summary>
    public DateTimeOffset? ApprovalRequestedAt { get; set; }

    public string? ApprovalRequestedByUserId { get; set; }

    /// <summary>The Mexico City day the auditor was last reminded of the deadline; one reminder per day at most.</summary>
    public DateOnly? RemindedOn { get; set; }

    /// <summary>When the overdue review was escalated to the program admins; once per review.</summary>
    public DateTimeOffset? EscalatedAt { get; set; }
    public string? DecidedByUserId { get; set; }
}
