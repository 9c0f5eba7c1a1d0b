namespace Certify.Data.Entities;

/// <summary>A file attached to one answer, stored by the file store under a generated key.</summary>
public class EvidenceFile
{
    public long Id { get; set; }
    public int AssessmentId { get; set; }
    public Assessment? Assessment { get; set; }
    public required string QuestionCode { get; set; }
    public required string FileName { get; set; }
    public required string StorageKey { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedByUserId { get; set; }

    /// <summary>
    /// Carried over from the assessment being renewed: the company must confirm the file still holds (or remove it)
    /// before it can submit.
    /// </summary>
    public bool PendingConfirmation { get; set; }
}
