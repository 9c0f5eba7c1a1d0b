using System.Linq.Expressions;
using Certify.Data.Entities;
using Certify.Domain.Companies;
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

    /// <summary>
    /// How many of <paramref name="query"/> there are in each status at <paramref name="now"/>, per state, level and
    /// program, with the first and last legal name of each group when <paramref name="withNames"/> (otherwise empty:
    /// comparing every name costs a quarter of the pass). One pass in the database: the groups follow the registry's
    /// facets index, and each status but active is a conditional count with the conditions of <see cref="Is"/>, the
    /// one most rows fail first (active is what is left).
    /// </summary>
    public static IQueryable<DistinctiveTally> Tally(IQueryable<Distinctive> query, DateTimeOffset now, bool withNames) =>
        (withNames
            ? query.Select(d => new { d.State, d.LevelCode, d.ProgramId, d.ValidFrom, d.ValidUntil, d.SuspendedAt, d.RevokedAt, Name = d.LegalName })
            : query.Select(d => new { d.State, d.LevelCode, d.ProgramId, d.ValidFrom, d.ValidUntil, d.SuspendedAt, d.RevokedAt, Name = "" }))
        .GroupBy(d => new { d.State, d.LevelCode, d.ProgramId })
        .Select(g => new DistinctiveTally(
            g.Key.State,
            g.Key.LevelCode,
            g.Key.ProgramId,
            g.Count(),
            g.Count(d => d.ValidUntil <= now && d.SuspendedAt == null && (d.RevokedAt == null || d.RevokedAt > now)),
            g.Count(d => d.SuspendedAt != null && (d.RevokedAt == null || d.RevokedAt > now)),
            g.Count(d => d.RevokedAt != null && d.RevokedAt <= now),
            g.Count(d => d.ValidFrom > now && d.ValidUntil > now && d.SuspendedAt == null && (d.RevokedAt == null || d.RevokedAt > now)),
            g.Min(d => d.Name)!, // a group is never empty
            g.Max(d => d.Name)!));

    /// <summary>The status of a loaded row at <paramref name="now"/>.</summary>
    public static DistinctiveStatus Derive(DateTimeOffset? revokedAt, DateTimeOffset? suspendedAt, DateTimeOffset validFrom, DateTimeOffset validUntil, DateTimeOffset now) =>
        DistinctiveStatuses.Derive(revokedAt, suspendedAt is not null, validFrom, validUntil, now);
}

/// <summary>
/// The distinctives of one state, level and program: how many are in each status, and (when asked for) the first and
/// last legal name in the database's order, which bound where the registry's name-ordered index holds them (see
/// <see cref="DistinctiveStatusQuery.Tally"/>).
/// </summary>
public sealed record DistinctiveTally(
    MexicanState State, string LevelCode, int ProgramId, int Total, int Expired, int Suspended, int Revoked, int NotYetValid,
    string FirstName, string LastName)
{
    /// <summary>Neither revoked, suspended, expired nor before its first valid instant.</summary>
    public int Active => Total - Expired - Suspended - Revoked - NotYetValid;

    /// <summary>How many are in <paramref name="status"/>; all of them when it is null.</summary>
    public int Count(DistinctiveStatus? status) => status switch
    {
        null => Total,
        DistinctiveStatus.Active => Active,
        DistinctiveStatus.Expired => Expired,
        DistinctiveStatus.Suspended => Suspended,
        DistinctiveStatus.Revoked => Revoked,
        DistinctiveStatus.NotYetValid => NotYetValid,
        _ => 0,
    };
}
