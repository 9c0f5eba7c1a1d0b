using System.Security.Claims;
using System.Text.Json;
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

    public static AuditEvent Event(
        TimeProvider clock,
        AuditActor actor,
        string action,
        string entityType,
        string? entityId,
        object? details = null,
        int? companyId = null,
        int? bodyId = null) => new()
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
