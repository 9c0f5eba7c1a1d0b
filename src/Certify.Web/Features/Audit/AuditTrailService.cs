using Certify.Data;
using Certify.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Audit;

/// <summary>
/// One audit row for the trail: <see cref="ActorName"/> is the person's display name, else their e-mail (null for the
/// platform's jobs); <see cref="OrganizationName"/> the company's name, else the certifying body's.
/// </summary>
public sealed record AuditRow(
    long Id, DateTimeOffset OccurredAt, string? UserId, string? ActorName, string Action, string EntityType, string? EntityId, string? OrganizationName, string? Details);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>Browsing and verifying the audit trail (platform admins).</summary>
public sealed class AuditTrailService(IDbContextFactory<CertifyDbContext> dbFactory)
{
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
                e.Details))
            .ToListAsync(ct);
        return new AuditPage(rows, total);
    }

    /// <summary>Re-computes every hash in chain order.</summary>
    public async Task<AuditChainVerification> VerifyAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var records = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence)
            .Select(e => new AuditRecord(e.Id, e.OccurredAt, e.UserId, e.Action, e.EntityType, e.EntityId, e.Details, e.PreviousHash, e.Hash))
            .ToListAsync(ct);
        return AuditChain.Verify(records);
    }
}
