namespace Certify.Data.Entities;

/// <summary>
/// Append-only, hash-chained record of who did what. A service saves it unsealed, in the same transaction as the
/// change it describes; the audit sealer later chains it once (Sequence, PreviousHash, Hash) and never touches it again.
/// </summary>
public class AuditEvent
{
    /// <summary>Insertion order: the sealer chains unsealed rows in this order, and readers list the trail by it.</summary>
    public long Id { get; set; }

    /// <summary>Position in the chain, set by the sealer (null until then); the chain is verified in this order.</summary>
    public long? Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public int? CompanyId { get; set; }
    public int? CertifyingBodyId { get; set; }
    public string? Details { get; set; }
    /// <summary>Hash of the record before this one in the chain; null until sealed.</summary>
    public string? PreviousHash { get; set; }

    /// <summary><see cref="Certify.Domain.Auditing.AuditChain.ComputeHash"/> over this record; null until sealed.</summary>
    public string? Hash { get; set; }
}
