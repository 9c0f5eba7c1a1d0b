namespace Certify.Data.Entities;

/// <summary>A file the company attaches to its corrective action on a finding, stored by the file store.</summary>
public class CorrectiveEvidence
{
    public long Id { get; set; }
    public long FindingId { get; set; }
    public Finding? Finding { get; set; }
    public required string FileName { get; set; }
    public required string StorageKey { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedByUserId { get; set; }
}
