namespace Certify.Domain.Auditing;

/// <summary>
/// Checks a chain fed record by record in chain order, so a trail of any length can be verified a page at a time
/// without holding it in memory. Stops at the first record that breaks the chain (see <see cref="AuditChain.Verify"/>).
/// </summary>
public sealed class AuditChainVerifier
{
    private string _expectedPreviousHash = AuditChain.GenesisHash;
    private AuditChainVerification? _broken;

    /// <summary>Records that fitted the chain so far.</summary>
    public long Verified { get; private set; }

    /// <summary>The outcome so far: valid until a record breaks the chain, then that record and why.</summary>
    public AuditChainVerification Result => _broken ?? new AuditChainVerification(true, null, null);

    /// <summary>Checks the next record; false once the chain is broken (later records are not looked at).</summary>
    public bool Add(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_broken is not null)
        {
            return false;
        }

        if (!string.Equals(record.PreviousHash, _expectedPreviousHash, StringComparison.Ordinal))
        {
            _broken = new AuditChainVerification(false, record.Id, Verified == 0
                ? "The first record does not start from the genesis hash."
                : "The previous hash does not match the hash of the record before it; a record was deleted, inserted or moved.");
            return false;
        }

        var recomputed = AuditChain.ComputeHash(
            record.PreviousHash, record.OccurredAt, record.UserId, record.Action, record.EntityType, record.EntityId, record.Details);
        if (!string.Equals(record.Hash, recomputed, StringComparison.Ordinal))
        {
            _broken = new AuditChainVerification(false, record.Id, "The record's fields do not match its hash; the record was altered.");
            return false;
        }

        _expectedPreviousHash = record.Hash;
        Verified++;
        return true;
    }
}
