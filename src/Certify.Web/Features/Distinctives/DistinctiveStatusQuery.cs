using System.Linq.Expressions;
using Certify.Data.Entities;
using Certify.Domain.Distinctives;

namespace Certify.Web.Features.Distinctives;

/// <summary>
/// <see cref="DistinctiveStatuses.Derive(DateTimeOffset?, bool, DateTimeOffset, DateTimeOffset, DateTimeOffset)"/> as
/// SQL conditions, so the registry filters and counts by status in the database. Each condition is the exact
/// complement of the statuses that win over it: revoked (revocation instant reached), then suspended
/// (<see cref="Distinctive.SuspendedAt"/> set), then the dates (<see cref="Distinctive.ValidUntil"/> exclusive,
/// <see cref="Distinctive.ValidFrom"/> inclusive). <c>DistinctiveStatusQueryTests</c> checks them against Derive at
/// the edges.
/// </summary>
public static class DistinctiveStatusQuery
{
    /// <summary>The distinctives whose status at <paramref name="now"/> is <paramref name="status"/>.</summary>
    public static Expression<Func<Distinctive, bool>> Is(DistinctiveStatus status, DateTimeOffset now) => status switch
    {
        DistinctiveStatus.Revoked => d => d.RevokedAt != null && d.RevokedAt <= now,
        DistinctiveStatus.Suspended => d => (d.RevokedAt == null || d.RevokedAt > now) && d.SuspendedAt != null,
        DistinctiveStatus.Expired => d => (d.RevokedAt == null || d.RevokedAt > now) && d.SuspendedAt == null && d.ValidUntil <= now,
        DistinctiveStatus.Active => d => (d.RevokedAt == null || d.RevokedAt > now) && d.SuspendedAt == null
            && d.ValidUntil > now && d.ValidFrom <= now,
        DistinctiveStatus.NotYetValid => d => (d.RevokedAt == null || d.RevokedAt > now) && d.SuspendedAt == null
            && d.ValidUntil > now && d.ValidFrom > now,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown distinctive status."),
    };

    /// <summary>The status of a loaded row at <paramref name="now"/>.</summary>
    public static DistinctiveStatus Derive(DateTimeOffset? revokedAt, DateTimeOffset? suspendedAt, DateTimeOffset validFrom, DateTimeOffset validUntil, DateTimeOffset now) =>
        DistinctiveStatuses.Derive(revokedAt, suspendedAt is not null, validFrom, validUntil, now);
}
