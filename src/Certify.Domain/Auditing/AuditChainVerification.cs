namespace Certify.Domain.Auditing;

/// <summary>Outcome of <see cref="AuditChain.Verify"/>.</summary>
/// <param name="IsValid">True when every record fits the chain.</param>
/// <param name="BrokenAtId">Id of the first record that does not fit the chain; null when the chain is valid.</param>
/// <param name="Reason">Why that record does not fit, for logs and the admin screen; null when the chain is valid.</param>
public sealed record AuditChainVerification(bool IsValid, long? BrokenAtId, string? Reason);
