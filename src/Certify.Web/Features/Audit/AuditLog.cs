using System.Security.Claims;
using System.Text.Json;
using Certify.Data;
using Certify.Data.Entities;

namespace Certify.Web.Features.Audit;

public sealed record AuditActor(string? UserId, string? UserName)
{
    public static readonly AuditActor System = new(null, "system");

    public static AuditActor From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name);

    public static AuditActor From(ApplicationUser user) => new(user.Id, user.UserName);
}

/// <summary>Builds audit rows. They are saved unsealed with the change they describe; <see cref="AuditSealer"/> chains them.</summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>
    /// Saves the context's new rows and then the audit row that names one of them by its id (known only once saved),
    /// in one transaction: both are stored or neither.
    /// </summary>
    public static async Task SaveWithAuditAsync(CertifyDbContext db, Func<AuditEvent> audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.AuditEvents.Add(audit());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <exception cref="ArgumentException"><paramref name="action"/> is not one of <see cref="AuditActions"/>, so no reader could be told what happened.</exception>
    public static AuditEvent Event(
        TimeProvider clock,
        AuditActor actor,
        string action,
        string entityType,
        string? entityId,
        object? details = null,
        int? companyId = null,
        int? bodyId = null) => !AuditActions.All.Contains(action)
        ? throw new ArgumentException($"Unknown audit action '{action}': add it to {nameof(AuditActions)} and describe it.", nameof(action))
        : new()
        {
            OccurredAt = clock.GetUtcNow(),
            UserId = actor.UserId,
            UserName = actor.UserName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = details is null ? null : JsonSerializer.Serialize(details, Json),
            CompanyId = companyId,
            CertifyingBodyId = bodyId,
        };
}
