using Certify.Data;
using Certify.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Audit;

/// <summary>
/// One audit row for the trail: <see cref="ActorName"/> is the person's display name, else their e-mail (null for the
/// platform's jobs); <see cref="OrganizationName"/> the company's name, else the certifying body's;
/// <see cref="IsSealed"/> whether the sealer has chained it yet.
/// </summary>
public sealed record AuditRow(
    long Id, DateTimeOffset OccurredAt, string? UserId, string? ActorName, string Action, string EntityType, string? EntityId, string? OrganizationName, string? Details, bool IsSealed);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>
/// Outcome of verifying the trail: the chain check over the sealed rows, how many rows were sealed and checked, and
/// how many were saved after the seal and are not chained yet (the next sealer run chains them).
/// </summary>
public sealed record AuditTrailVerification(AuditChainVerification Chain, long Sealed, long NotYetSealed);

/// <summary>Browsing and verifying the audit trail (platform admins).</summary>
public sealed class AuditTrailService(IDbContextFactory<CertifyDbContext> dbFactory, AuditSealer sealer)
{
    /// <summary>Rows read per query while verifying, so the trail is never held in memory whole.</summary>
    public const int VerifyPageSize = 1000;

    public async Task<AuditPage> PageAsync(string? action, int skip, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action))
        {
            query = query.Where(e => e.Action.StartsWith(action.Trim()));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(e => e.Id).Skip(skip).Take(take)
            .Select(e => new AuditRow(
                e.Id,
                e.OccurredAt,
                e.UserId,
                db.Users.Where(u => u.Id == e.UserId).Select(u => u.DisplayName != null && u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefault() ?? e.UserName,
                e.Action,
                e.EntityType,
                e.EntityId,
                db.Companies.Where(c => c.Id == e.CompanyId).Select(c => c.TradeName ?? c.LegalName).FirstOrDefault()
                    ?? db.CertifyingBodies.Where(b => b.Id == e.CertifyingBodyId).Select(b => b.Name).FirstOrDefault(),
                e.Details,
                e.Sequence != null))
            .ToListAsync(ct);
        return new AuditPage(rows, total);
    }

    /// <summary>
    /// Seals what is waiting, then re-computes every sealed hash in chain order, a page at a time (keyset on
    /// Sequence). Rows saved while it runs are reported as not yet sealed.
    /// </summary>
    public async Task<AuditTrailVerification> VerifyAsync(CancellationToken ct)
    {
        await sealer.SealAsync(ct);
        var verifier = new AuditChainVerifier();
        long after = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var page = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(VerifyPageSize)
                .Select(e => new { Sequence = e.Sequence!.Value, Record = new AuditRecord(e.Id, e.OccurredAt, e.UserId, e.Action, e.EntityType, e.EntityId, e.Details, e.PreviousHash!, e.Hash!) })
                .ToListAsync(ct);
            if (page.Count == 0 || !page.All(row => verifier.Add(row.Record)))
            {
                break;
            }

            after = page[^1].Sequence;
        }

        await using var counts = await dbFactory.CreateDbContextAsync(ct);
        var notYetSealed = await counts.AuditEvents.LongCountAsync(e => e.Sequence == null, ct);
        var sealedRows = await counts.AuditEvents.LongCountAsync(e => e.Sequence != null, ct);
        return new AuditTrailVerification(verifier.Result, sealedRows, notYetSealed);
    }
}
