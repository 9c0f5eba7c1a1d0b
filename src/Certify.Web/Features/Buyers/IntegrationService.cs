using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Tenancy;
using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Buyers;

public sealed record ApiKeyView(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed record DeliveryView(long Id, string EventType, DateTimeOffset CreatedAt, int Attempts, int? StatusCode, string? Error, DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? GaveUpAt);

public sealed record EndpointView(int Id, string Url, DateTimeOffset CreatedAt, int ConsecutiveFailures, DateTimeOffset? DisabledAt, IReadOnlyList<DeliveryView> Deliveries);

public sealed record Integrations(string BuyerName, bool IsOwner, IReadOnlyList<ApiKeyView> Keys, IReadOnlyList<EndpointView> Endpoints);

/// <summary>A secret shown once: the new API key, or a new webhook endpoint's signing secret.</summary>
public sealed record CreatedSecret(int Id, string Secret);

/// <summary>A buyer's verified API key, as the batch API knows it.</summary>
public sealed record ApiCaller(int KeyId, int BuyerId);

/// <summary>
/// A buyer's API keys and webhook endpoints. Members read them; only owners create, revoke, register, test or
/// re-enable (anyone else gets null, answered with 404). API keys are shown once and stored as SHA-256 hashes (they
/// carry 256 random bits, so a fast hash is enough); webhook secrets are encrypted with Data Protection.
/// </summary>
public sealed class IntegrationService(
    IDbContextFactory<CertifyDbContext> dbFactory,
    TenantAccess access,
    WebhookTargetGuard guard,
    IDataProtectionProvider protection,
    IBackgroundJobClient jobs,
    TimeProvider clock)
{
    public const string KeyPrefix = "cfy_";
    public const int MaxKeyName = 100;

    public async Task<Integrations?> GetAsync(int buyerId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.BuyerRoleAsync(user, buyerId, ct) is not { } role)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Buyers.Where(b => b.Id == buyerId).Select(b => b.Name).SingleAsync(ct);
        var keys = await db.BuyerApiKeys.AsNoTracking().Where(k => k.BuyerId == buyerId).OrderByDescending(k => k.Id)
            .Select(k => new ApiKeyView(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt)).ToListAsync(ct);
        // Each endpoint with its 20 latest deliveries, in one query (the database ranks the deliveries per endpoint).
        var views = await db.WebhookEndpoints.AsNoTracking().Where(w => w.BuyerId == buyerId).OrderBy(w => w.Id)
            .Select(w => new EndpointView(w.Id, w.Url, w.CreatedAt, w.ConsecutiveFailures, w.DisabledAt,
                db.WebhookDeliveries.Where(d => d.WebhookEndpointId == w.Id).OrderByDescending(d => d.Id).Take(20)
                    .Select(d => new DeliveryView(d.Id, d.EventType, d.CreatedAt, d.Attempts, d.StatusCode, d.Error, d.DeliveredAt, d.NextAttemptAt, d.GaveUpAt))
                    .ToList()))
            .ToListAsync(ct);
        return new Integrations(name, role == CompanyRole.Owner, keys, views);
    }

    /// <summary>A new API key (shown once); null unless the user is an owner or when the name is empty.</summary>
    public async Task<CreatedSecret?> CreateKeyAsync(int buyerId, string? name, ClaimsPrincipal user, CancellationToken ct)
    {
        var trimmed = name?.Trim();
        if (!await IsOwnerAsync(buyerId, user, ct) || string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = new BuyerApiKey
        {
            BuyerId = buyerId,
            Name = trimmed.Length > MaxKeyName ? trimmed[..MaxKeyName] : trimmed,
            Prefix = key[..(KeyPrefix.Length + 6)],
            Hash = Hash(key),
            CreatedAt = clock.GetUtcNow(),
            CreatedByUserId = TenantAccess.UserId(user)!,
        };
        db.BuyerApiKeys.Add(row);
        await AuditLog.SaveWithAuditAsync(db, () => AuditLog.Event(clock, AuditActor.From(user), AuditActions.ApiKeyCreated, nameof(BuyerApiKey),
            row.Id.ToString(CultureInfo.InvariantCulture), new { row.Name, row.Prefix }), ct);
        return new CreatedSecret(row.Id, key);
    }

    public async Task<bool> RevokeKeyAsync(int buyerId, int keyId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await IsOwnerAsync(buyerId, user, ct))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var revoked = await db.BuyerApiKeys.Where(k => k.Id == keyId && k.BuyerId == buyerId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
        if (revoked == 1)
        {
            var name = await db.BuyerApiKeys.Where(k => k.Id == keyId).Select(k => k.Name).SingleAsync(ct);
            db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.ApiKeyRevoked, nameof(BuyerApiKey), keyId.ToString(CultureInfo.InvariantCulture), new { Name = name }));
            await db.SaveChangesAsync(ct);
        }

        return revoked == 1;
    }

    /// <summary>The buyer a presented key belongs to, if it is known and not revoked; records its use.</summary>
    public async Task<ApiCaller?> AuthenticateAsync(string? presented, CancellationToken ct)
    {
        if (presented is null || !presented.StartsWith(KeyPrefix, StringComparison.Ordinal) || presented.Length > 100)
        {
            return null;
        }

        var hash = Hash(presented);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.BuyerApiKeys.AsNoTracking().Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new ApiCaller(k.Id, k.BuyerId)).SingleOrDefaultAsync(ct);
        if (key is not null)
        {
            var now = clock.GetUtcNow();
            await db.BuyerApiKeys.Where(k => k.Id == key.KeyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }

        return key;
    }

    /// <summary>Registers an endpoint after the SSRF check; the signing secret is returned once.</summary>
    public async Task<(CreatedSecret? Created, WebhookTargetError Error)> RegisterEndpointAsync(int buyerId, string? url, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await IsOwnerAsync(buyerId, user, ct))
        {
            return (null, WebhookTargetError.None);
        }

        var error = await guard.CheckAsync(url, ct);
        if (error != WebhookTargetError.None)
        {
            return (null, error);
        }

        var secret = WebhookDeliveryJob.NewSecret();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var endpoint = new WebhookEndpoint
        {
            BuyerId = buyerId,
            Url = url!.Trim(),
            SecretCipher = protection.CreateProtector(WebhookDeliveryJob.SecretPurpose).Protect(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        db.WebhookEndpoints.Add(endpoint);
        await AuditLog.SaveWithAuditAsync(db, () => AuditLog.Event(clock, AuditActor.From(user), AuditActions.WebhookRegistered, nameof(WebhookEndpoint),
            endpoint.Id.ToString(CultureInfo.InvariantCulture), new { endpoint.Url }), ct);
        return (new CreatedSecret(endpoint.Id, secret), WebhookTargetError.None);
    }

    /// <summary>Sends a "webhook.test" event to the endpoint now — also when it is disabled, so the owner can check a fix before enabling it.</summary>
    public async Task<bool> SendTestAsync(int buyerId, int endpointId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await IsOwnerAsync(buyerId, user, ct))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.WebhookEndpoints.AnyAsync(w => w.Id == endpointId && w.BuyerId == buyerId, ct))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var delivery = new WebhookDelivery
        {
            WebhookEndpointId = endpointId,
            MessageId = $"msg_test_{Guid.NewGuid():N}",
            EventType = WebhookDeliveryJob.TestEventType,
            PayloadJson = System.Text.Json.JsonSerializer.Serialize(new { type = "webhook.test", timestamp = now, data = new { message = "Certify test event" } }),
            CreatedAt = now,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<WebhookDeliveryJob>(job => job.RunAsync(delivery.Id, CancellationToken.None));
        return true;
    }

    /// <summary>Enables a disabled endpoint again and sends what is still pending.</summary>
    public async Task<bool> EnableAsync(int buyerId, int endpointId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await IsOwnerAsync(buyerId, user, ct))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var enabled = await db.WebhookEndpoints.Where(w => w.Id == endpointId && w.BuyerId == buyerId && w.DisabledAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.DisabledAt, (DateTimeOffset?)null).SetProperty(w => w.ConsecutiveFailures, 0), ct);
        if (enabled == 0)
        {
            return false;
        }

        var url = await db.WebhookEndpoints.Where(w => w.Id == endpointId).Select(w => w.Url).SingleAsync(ct);
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.WebhookEnabled, nameof(WebhookEndpoint), endpointId.ToString(CultureInfo.InvariantCulture), new { Url = url }));
        await db.SaveChangesAsync(ct);
        var pending = await db.WebhookDeliveries.Where(d => d.WebhookEndpointId == endpointId && d.DeliveredAt == null && d.GaveUpAt == null).Select(d => d.Id).ToListAsync(ct);
        foreach (var id in pending)
        {
            jobs.Enqueue<WebhookDeliveryJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        return true;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private async Task<bool> IsOwnerAsync(int buyerId, ClaimsPrincipal user, CancellationToken ct) =>
        await access.BuyerRoleAsync(user, buyerId, ct) == CompanyRole.Owner;
}
