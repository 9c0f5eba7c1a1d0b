namespace Certify.Data.Entities;

/// <summary>The score recorded by the submission job, once per submission (unique on assessment + number).</summary>
public class AssessmentSnapshot
{
    public long Id { get; set; }
    public int AssessmentId { get; set; }
    public Assessment? Assessment { get; set; }
    public int SubmissionNumber { get; set; }
    public decimal? OverallScore { get; set; }
    public bool Eligible { get; set; }
    public required string ScoreJson { get; set; }

    /// <summary>How many critical questions the submission answered non-compliant (the score's CriticalFailures).</summary>
    public int CriticalFailureCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when the program admins' e-mails were queued, so a re-run never e-mails twice.</summary>
    public DateTimeOffset? NotifiedAt { get; set; }
}
