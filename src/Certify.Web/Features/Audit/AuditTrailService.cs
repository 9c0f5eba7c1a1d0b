using Certify.Data;
using Certify.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Audit;

public sealed record AuditRow(long Id, DateTimeOffset OccurredAt, string? UserName, string Action, string EntityType, string? EntityId, int? CompanyId, int? CertifyingBodyId, string? Details);

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
            .Select(e => new AuditRow(e.Id, e.OccurredAt, e.UserName, e.Action, e.EntityType, e.EntityId, e.CompanyId, e.CertifyingBodyId, e.Details))
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
