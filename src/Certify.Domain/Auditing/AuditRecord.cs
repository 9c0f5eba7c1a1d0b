namespace Certify.Domain.Auditing;

/// <summary>
/// One append-only audit event as stored. <c>PreviousHash</c> is the hash of the record before it in the chain;
/// <c>Hash</c> is <see cref="AuditChain.ComputeHash"/> over <c>PreviousHash</c> and every other field except <c>Id</c>.
/// </summary>
public sealed record AuditRecord(
    long Id,
    DateTimeOffset OccurredAt,
    string? UserId,
    string Action,
    string EntityType,
    string? EntityId,
    string? Details,
    string PreviousHash,
    string Hash);
