using System.Globalization;
using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Buyers;
using Certify.Domain.Distinctives;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Buyers;

/// <summary>One watched supplier as the list shows it: its RFC and what the public registry says of its latest distinctive.</summary>
public sealed record WatchRow(long Id, string Rfc, DateTimeOffset AddedAt, SupplierDistinctive? Distinctive)
{
    /// <summary>The filter value of the row: the distinctive's status, or "none".</summary>
    public string StatusKey => Distinctive?.Status.ToString() ?? WatchFilter.NoDistinctive;
}

/// <summary>The list's filter: a status name (<see cref="DistinctiveStatus"/>) or <see cref="NoDistinctive"/>; null shows all.</summary>
public sealed record WatchFilter(string? Status)
{
    public const string NoDistinctive = "None";
    public static readonly IReadOnlyList<string> Values =
        [nameof(DistinctiveStatus.Active), nameof(DistinctiveStatus.Suspended), nameof(DistinctiveStatus.Revoked), nameof(DistinctiveStatus.Expired), NoDistinctive];

    public static WatchFilter FromQuery(string? status) => new(Values.FirstOrDefault(v => string.Equals(v, status, StringComparison.OrdinalIgnoreCase)));
}

public sealed record WatchList(int BuyerId, string BuyerName, bool IsOwner, AlertMode AlertMode, int Total, IReadOnlyList<WatchRow> Rows, WatchFilter Filter);

/// <summary>What adding a list did: how many new suppliers, how many were already on the list, and the parse (invalid and merged rows).</summary>
public sealed record AddResult(int Added, int AlreadyWatched, SupplierListResult Parsed, bool ListFull);

/// <summary>
/// Buyer organisations and their supplier watch lists. Every method asks <see cref="TenantAccess"/> first and answers
/// null (404) for anyone who is not a member of the buyer. A buyer sees only what the public registry shows.
/// </summary>
public sealed class BuyerService(IDbContextFactory<CertifyDbContext> dbFactory, TenantAccess access, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    /// <summary>Creates a buyer organisation with the user as its owner; the new id, or null when the name is empty.</summary>
    public async Task<int?> RegisterAsync(string? name, ClaimsPrincipal user, CancellationToken ct)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || TenantAccess.UserId(user) is not { } userId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var buyer = new Buyer { Name = trimmed.Length > MaxNameLength ? trimmed[..MaxNameLength] : trimmed, CreatedAt = now };
        buyer.Members.Add(new BuyerMembership { UserId = userId, Role = CompanyRole.Owner, AlertMode = AlertMode.Immediate, CreatedAt = now });
        db.Buyers.Add(buyer);
        await AuditLog.SaveWithAuditAsync(db, () => AuditLog.Event(clock, AuditActor.From(user), AuditActions.BuyerRegistered, nameof(Buyer),
            buyer.Id.ToString(CultureInfo.InvariantCulture), new { buyer.Name }), ct);
        return buyer.Id;
    }

    public async Task<WatchList?> ListAsync(int buyerId, WatchFilter filter, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (await access.BuyerRoleAsync(user, buyerId, ct) is not { } role)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var userId = TenantAccess.UserId(user);
        var buyer = await db.Buyers.AsNoTracking().Where(b => b.Id == buyerId).Select(b => new
        {
            b.Name,
            Mode = b.Members.Where(m => m.UserId == userId).Select(m => m.AlertMode).First(),
        }).SingleAsync(ct);
        var rows = await RowsAsync(db, buyerId, ct);
        var shown = filter.Status is { } status ? rows.Where(r => r.StatusKey == status).ToList() : rows;
        return new WatchList(buyerId, buyer.Name, role == CompanyRole.Owner, buyer.Mode, rows.Count, shown, filter);
    }

    /// <summary>Adds the valid RFCs of a parsed list (duplicates merged, those already watched skipped); null for non-members.</summary>
    public async Task<AddResult?> AddAsync(int buyerId, SupplierListResult parsed, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (await access.BuyerRoleAsync(user, buyerId, ct) is null || TenantAccess.UserId(user) is not { } userId)
        {
            return null;
        }

        if (parsed.TooMany)
        {
            return new AddResult(0, 0, parsed, ListFull: true);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var wanted = parsed.Valid.Select(v => v.Rfc).ToList();
        var existing = (await db.WatchedSuppliers.Where(w => w.BuyerId == buyerId && wanted.Contains(w.Rfc)).Select(w => w.Rfc).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var count = await db.WatchedSuppliers.CountAsync(w => w.BuyerId == buyerId, ct);
        var fresh = wanted.Where(r => !existing.Contains(r)).ToList();
        if (count + fresh.Count > SupplierList.MaxRows)
        {
            return new AddResult(0, existing.Count, parsed, ListFull: true);
        }

        var now = clock.GetUtcNow();
        db.WatchedSuppliers.AddRange(fresh.Select(rfc => new WatchedSupplier { BuyerId = buyerId, Rfc = rfc, AddedAt = now, AddedByUserId = userId }));
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.SuppliersWatched, nameof(Buyer), buyerId.ToString(CultureInfo.InvariantCulture),
            new { Count = fresh.Count, Invalid = parsed.Invalid.Count }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another member added some of the same suppliers at the same moment: theirs stand; count what is there now.
            return new AddResult(0, wanted.Count, parsed, ListFull: false);
        }

        return new AddResult(fresh.Count, existing.Count, parsed, ListFull: false);
    }

    public async Task<bool> RemoveAsync(int buyerId, long watchId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.BuyerRoleAsync(user, buyerId, ct) is null)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WatchedSuppliers.Where(w => w.Id == watchId && w.BuyerId == buyerId).ExecuteDeleteAsync(ct) == 1;
    }

    /// <summary>The member's own choice: an e-mail per change, or a daily digest.</summary>
    public async Task<bool> SetAlertModeAsync(int buyerId, AlertMode mode, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.BuyerRoleAsync(user, buyerId, ct) is null || TenantAccess.UserId(user) is not { } userId)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BuyerMemberships.Where(m => m.BuyerId == buyerId && m.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.AlertMode, mode).SetProperty(m => m.DigestedUntil, clock.GetUtcNow()), ct) == 1;
    }

    private async Task<List<WatchRow>> RowsAsync(CertifyDbContext db, int buyerId, CancellationToken ct)
    {
        var watched = await db.WatchedSuppliers.AsNoTracking().Where(w => w.BuyerId == buyerId).OrderBy(w => w.Rfc)
            .Select(w => new { w.Id, w.Rfc, w.AddedAt }).ToListAsync(ct);
        var latest = await SupplierStatus.LatestAsync(db, db.WatchedSuppliers.Where(w => w.BuyerId == buyerId).Select(w => w.Rfc), clock.GetUtcNow(), ct);
        return watched.Select(w => new WatchRow(w.Id, w.Rfc, w.AddedAt, latest.GetValueOrDefault(w.Rfc)))
            .OrderBy(r => r.Distinctive is null ? 1 : 0).ThenBy(r => r.Distinctive?.LegalName, StringComparer.CurrentCulture).ThenBy(r => r.Rfc, StringComparer.Ordinal)
            .ToList();
    }
}
