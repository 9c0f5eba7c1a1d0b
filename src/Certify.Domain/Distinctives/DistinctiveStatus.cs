namespace Certify.Domain.Distinctives;

/// <summary>The status a distinctive shows to the public. It is derived, never set: see <see cref="DistinctiveStatuses"/>.</summary>
public enum DistinctiveStatus
{
    /// <summary>Vigente.</summary>
    Active = 0,

    /// <summary>Vencido: the validity period has ended.</summary>
    Expired = 1,

    /// <summary>Suspendido: held by the program admin; can be reinstated.</summary>
    Suspended = 2,

    /// <summary>Revocado: final.</summary>
    Revoked = 3,

    /// <summary>Before its first valid instant (only for a distinctive dated in the future).</summary>
    NotYetValid = 4,
}

/// <summary>Derives a distinctive's status from its facts at an instant.</summary>
public static class DistinctiveStatuses
{
    /// <summary>
    /// Revocation wins over suspension, which wins over the dates: a revoked distinctive reads "revoked" even after it
    /// would have expired. Revocation takes effect at <paramref name="revokedAt"/> (inclusive); validity runs from
    /// <paramref name="validFrom"/> (inclusive) to <paramref name="validUntil"/> (exclusive, see <see cref="ValidityPeriod"/>).
    /// </summary>
    public static DistinctiveStatus Derive(
        DateTimeOffset? revokedAt, bool suspended, DateTimeOffset validFrom, DateTimeOffset validUntil, DateTimeOffset now)
    {
        if (revokedAt is { } revoked && revoked <= now)
        {
            return DistinctiveStatus.Revoked;
        }

        if (suspended)
        {
            return DistinctiveStatus.Suspended;
        }

        if (now >= validUntil)
        {
            return DistinctiveStatus.Expired;
        }

        return now < validFrom ? DistinctiveStatus.NotYetValid : DistinctiveStatus.Active;
    }

    /// <inheritdoc cref="Derive(DateTimeOffset?, bool, DateTimeOffset, DateTimeOffset, DateTimeOffset)"/>
    public static DistinctiveStatus Derive(DateTimeOffset? revokedAt, bool suspended, ValidityPeriod validity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(validity);
        return Derive(revokedAt, suspended, validity.ValidFrom, validity.ValidUntil, now);
    }
}
