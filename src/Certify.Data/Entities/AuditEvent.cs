namespace Certify.Data.Entities;

/// <summary>Append-only, hash-chained record of who did what. Rows are never updated or deleted.</summary>
public class AuditEvent
{
    public long Id { get; set; }

    /// <summary>Position in the chain, assigned when saving; the chain is verified in this order, not by Id.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public int? CompanyId { get; set; }
    public int? CertifyingBodyId { get; set; }
    public string? Details { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}
