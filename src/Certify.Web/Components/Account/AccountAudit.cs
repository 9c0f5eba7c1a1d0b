using Certify.Data;
using Certify.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Components.Account;

/// <summary>Writes one audit row about a user account in its own short-lived context.</summary>
internal static class AccountAudit
{
    public const string EntityType = "User";

    public static async Task RecordAsync(
        this IDbContextFactory<CertifyDbContext> dbFactory,
        TimeProvider clock,
        AuditActor actor,
        string action,
        string? userId,
        object? details = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.AuditEvents.Add(AuditLog.Event(clock, actor, action, EntityType, userId, details));
        await db.SaveChangesAsync();
    }
}
