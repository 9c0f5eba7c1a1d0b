using Certify.Data;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Buyers;

/// <summary>What the public registry shows of a supplier's latest distinctive — and nothing else.</summary>
public sealed record SupplierDistinctive(
    long Id, string Rfc, string LegalName, string Number, string VerificationCode, string ProgramCode, string Level,
    DistinctiveStatus Status, DateTimeOffset ValidUntil, DateTimeOffset LastChange);

/// <summary>
/// The latest distinctive (by issue time) of each of a set of RFCs, with its status now and the time of its last
/// change (the newest recorded event, else the issue time, or the end of its validity once expired). Reads only what
/// the public registry shows: never answers, findings, scores or worker concerns.
/// </summary>
public static class SupplierStatus
{
    /// <summary>The latest distinctive of each RFC in <paramref name="rfcs"/> (a subquery, e.g. a watch list).</summary>
    public static Task<Dictionary<string, SupplierDistinctive>> LatestAsync(
        CertifyDbContext db, IQueryable<string> rfcs, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return ReadAsync(db, db.Distinctives.Where(d => rfcs.Contains(d.Rfc)), latestOnly: true, now, ct);
    }

    /// <summary>The latest distinctive of each RFC of a list (e.g. a batch request).</summary>
    public static Task<Dictionary<string, SupplierDistinctive>> LatestAsync(
        CertifyDbContext db, IReadOnlyCollection<string> rfcs, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return ReadAsync(db, db.Distinctives.Where(d => rfcs.Contains(d.Rfc)), latestOnly: true, now, ct);
    }

    /// <summary>The distinctives with these verification codes, by code.</summary>
    public static async Task<Dictionary<string, SupplierDistinctive>> ByCodeAsync(
        CertifyDbContext db, IReadOnlyCollection<string> codes, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = await ReadAsync(db, db.Distinctives.Where(d => codes.Contains(d.VerificationCode)), latestOnly: false, now, ct);
        return found.Values.ToDictionary(d => d.VerificationCode, StringComparer.Ordinal);
    }

    private static async Task<Dictionary<string, SupplierDistinctive>> ReadAsync(
        CertifyDbContext db, IQueryable<Certify.Data.Entities.Distinctive> query, bool latestOnly, DateTimeOffset now, CancellationToken ct)
    {
        if (latestOnly)
        {
            query = query.Where(d => !db.Distinctives.Any(o => o.Rfc == d.Rfc && (o.IssuedAt > d.IssuedAt || (o.IssuedAt == d.IssuedAt && o.Id > d.Id))));
        }

        var rows = await query.AsNoTracking()
            .Select(d => new
            {
                d.Id, d.Rfc, d.LegalName, d.Number, d.VerificationCode, ProgramCode = d.Program!.Code, d.LevelCode, d.IssuedAt, d.ValidFrom, d.ValidUntil,
                d.SuspendedAt, d.RevokedAt,
                LastEvent = db.DistinctiveEvents.Where(e => e.DistinctiveId == d.Id).Max(e => (DateTimeOffset?)e.OccurredAt),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => latestOnly ? r.Rfc : r.VerificationCode, r =>
        {
            var status = DistinctiveStatusQuery.Derive(r.RevokedAt, r.SuspendedAt, r.ValidFrom, r.ValidUntil, now);
            var last = new[] { r.LastEvent ?? r.IssuedAt, r.SuspendedAt ?? r.IssuedAt, r.RevokedAt ?? r.IssuedAt, status == DistinctiveStatus.Expired ? r.ValidUntil : r.IssuedAt }.Max();
            return new SupplierDistinctive(r.Id, r.Rfc, r.LegalName, r.Number, r.VerificationCode, r.ProgramCode, r.LevelCode, status, r.ValidUntil, last);
        }, StringComparer.Ordinal);
    }
}
