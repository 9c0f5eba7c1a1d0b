using System.Globalization;
using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Buyers;
using Certify.Domain.Distinctives;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Notifications;
using Certify.Web.Features.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Distinctives;

public enum LifecycleOutcome
{
    Done,

    /// <summary>No such distinctive in a body where the user is a program admin: the caller answers 404.</summary>
    NotFound,

    /// <summary>The reason is mandatory: the public and the company are shown it.</summary>
    ReasonRequired,

    /// <summary>The action does not apply to the current status (revoked is final; only a suspended one is reinstated).</summary>
    NotAllowed,

    /// <summary>Someone else changed the distinctive since the page was loaded.</summary>
    Conflict,
}

/// <summary>A distinctive in the program admin's list.</summary>
public sealed record BodyDistinctiveRow(
    long Id, string Number, string VerificationCode, string LegalName, string Rfc, string Level, DateTimeOffset ValidUntil,
    DistinctiveStatus Status, string? StatusReason, Guid Version);

/// <summary>The program admin's list of the body's distinctives (newest first, at most <see cref="DistinctiveLifecycleService.MaxRows"/>).</summary>
public sealed record BodyDistinctives(string BodyName, IReadOnlyList<BodyDistinctiveRow> Rows, int Total);

/// <summary>
/// Suspension, reinstatement and revocation of distinctives by the program admins of the issuing body. Each change
/// bumps <see cref="Distinctive.Version"/> (checked against the version the admin saw), writes an audit event,
/// notifies the company's members in the same transaction and evicts the cached public answers, so the registry,
/// the verification page and the API show the new status on the next request.
/// </summary>
public sealed class DistinctiveLifecycleService(
    IDbContextFactory<CertifyDbContext> dbFactory, TenantAccess tenants, Notifier notifier, DistinctiveCache cache, TimeProvider clock)
{
    public const int MaxRows = 100;
    public const int MaxReasonLength = 2000;

    /// <summary>The body's distinctives matching <paramref name="search"/> (name, RFC or number); null unless the user is a program admin there.</summary>
    public async Task<BodyDistinctives?> ListAsync(int bodyId, ClaimsPrincipal user, string? search, CancellationToken ct) =>
        await ListAsync(bodyId, user, search, null, ct);

    /// <summary>One of the body's distinctives, for the action panel; null unless it exists and the user is a program admin there.</summary>
    public async Task<BodyDistinctiveRow?> FindAsync(int bodyId, long distinctiveId, ClaimsPrincipal user, CancellationToken ct) =>
        (await ListAsync(bodyId, user, null, distinctiveId, ct))?.Rows.SingleOrDefault();

    private async Task<BodyDistinctives?> ListAsync(int bodyId, ClaimsPrincipal user, string? search, long? distinctiveId, CancellationToken ct)
    {
        if (!await IsProgramAdminAsync(user, bodyId, ct))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bodyName = await db.CertifyingBodies.Where(b => b.Id == bodyId).Select(b => b.Name).SingleOrDefaultAsync(ct);
        if (bodyName is null)
        {
            return null;
        }

        var query = db.Distinctives.AsNoTracking().Where(d => d.CertifyingBodyId == bodyId);
        if (distinctiveId is { } id)
        {
            query = query.Where(d => d.Id == id);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            var upper = text.ToUpperInvariant();
            query = query.Where(d => EF.Functions.Like(DbText.Fold(d.LegalName), DbText.Fold(pattern), "\\") || d.Rfc.StartsWith(upper) || d.Number.StartsWith(upper));
        }

        var total = await query.CountAsync(ct);
        var now = clock.GetUtcNow();
        var rows = await query.OrderByDescending(d => d.Id).Take(MaxRows)
            .Select(d => new { d.Id, d.Number, d.VerificationCode, d.LegalName, d.Rfc, d.LevelCode, d.ValidFrom, d.ValidUntil, d.SuspendedAt, d.RevokedAt, d.StatusReason, d.Version })
            .ToListAsync(ct);
        return new BodyDistinctives(bodyName, [.. rows.Select(r => new BodyDistinctiveRow(
            r.Id, r.Number, r.VerificationCode, r.LegalName, r.Rfc, r.LevelCode, r.ValidUntil,
            DistinctiveStatusQuery.Derive(r.RevokedAt, r.SuspendedAt, r.ValidFrom, r.ValidUntil, now), r.StatusReason, r.Version))], total);
    }

    /// <summary>
    /// Applies <paramref name="action"/> to the distinctive <paramref name="distinctiveId"/> of body <paramref name="bodyId"/>,
    /// as seen at <paramref name="expectedVersion"/> (null skips the check).
    /// </summary>
    public async Task<LifecycleOutcome> ApplyAsync(
        int bodyId, long distinctiveId, LifecycleAction action, string? reason, Guid? expectedVersion, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await IsProgramAdminAsync(user, bodyId, ct))
        {
            return LifecycleOutcome.NotFound;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var distinctive = await db.Distinctives.Include(d => d.Program)
            .SingleOrDefaultAsync(d => d.Id == distinctiveId && d.CertifyingBodyId == bodyId, ct);
        if (distinctive is null)
        {
            return LifecycleOutcome.NotFound;
        }

        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return LifecycleOutcome.ReasonRequired;
        }

        if (trimmed.Length > MaxReasonLength)
        {
            trimmed = trimmed[..MaxReasonLength];
        }

        if (expectedVersion is { } seen && seen != distinctive.Version)
        {
            return LifecycleOutcome.Conflict;
        }

        var now = clock.GetUtcNow();
        var hold = new DistinctiveHold(distinctive.SuspendedAt, distinctive.RevokedAt);
        if (!DistinctiveLifecycle.CanApply(action, hold, now))
        {
            return LifecycleOutcome.NotAllowed;
        }

        var (notification, auditAction) = action switch
        {
            LifecycleAction.Suspend => (NotificationKind.DistinctiveSuspended, AuditActions.DistinctiveSuspended),
            LifecycleAction.Reinstate => (NotificationKind.DistinctiveReinstated, AuditActions.DistinctiveReinstated),
            _ => (NotificationKind.DistinctiveRevoked, AuditActions.DistinctiveRevoked),
        };
        var from = DistinctiveStatusQuery.Derive(distinctive.RevokedAt, distinctive.SuspendedAt, distinctive.ValidFrom, distinctive.ValidUntil, now);
        (distinctive.SuspendedAt, distinctive.RevokedAt) = DistinctiveLifecycle.Apply(action, hold, now);

        distinctive.StatusReason = trimmed;
        db.Entry(distinctive).Property(d => d.Version).OriginalValue = distinctive.Version;
        distinctive.Version = Guid.NewGuid();
        var to = DistinctiveStatusQuery.Derive(distinctive.RevokedAt, distinctive.SuspendedAt, distinctive.ValidFrom, distinctive.ValidUntil, now);
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), auditAction, nameof(Distinctive),
            distinctive.Id.ToString(CultureInfo.InvariantCulture), new { distinctive.Number, From = from, To = to, Reason = trimmed },
            companyId: distinctive.CompanyId, bodyId: bodyId));
        DistinctiveEventLog.Add(db, distinctive, action switch
        {
            LifecycleAction.Suspend => DistinctiveEventKind.Suspended,
            LifecycleAction.Reinstate => DistinctiveEventKind.Reinstated,
            _ => DistinctiveEventKind.Revoked,
        }, now, $"{auditAction}:{distinctive.Id}:{now.UtcTicks}");
        var emails = await notifier.StageAsync(db, notification, await Notifier.CompanyMembersAsync(db, distinctive.CompanyId, ct),
            CompanyDistinctivesPath(distinctive.CompanyId),
            new Dictionary<string, string>
            {
                ["company"] = distinctive.LegalName,
                ["program"] = distinctive.Program?.NameEs ?? "",
                ["number"] = distinctive.Number,
                ["reason"] = trimmed,
            },
            $"{auditAction}:{distinctive.Id}:{now.UtcTicks}", ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return LifecycleOutcome.Conflict;
        }

        notifier.Dispatch(emails);
        await cache.EvictAsync(distinctive.VerificationCode, ct);
        return LifecycleOutcome.Done;
    }

    /// <summary>The company's "Mis distintivos" page.</summary>
    public static string CompanyDistinctivesPath(int companyId) => $"/empresas/{companyId}/distintivos";

    private async Task<bool> IsProgramAdminAsync(ClaimsPrincipal user, int bodyId, CancellationToken ct) =>
        (await tenants.BodyRolesAsync(user, bodyId, ct)).Contains(BodyRole.ProgramAdmin);
}
