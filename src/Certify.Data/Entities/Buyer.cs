using Certify.Domain.Buyers;
using Certify.Domain.Tenancy;

namespace Certify.Data.Entities;

/// <summary>A buyer organisation (vehicle maker, Tier 1): a tenant that watches suppliers' distinctives.</summary>
public class Buyer
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<BuyerMembership> Members { get; set; } = [];
}

public class BuyerMembership
{
    public int Id { get; set; }
    public int BuyerId { get; set; }
    public Buyer? Buyer { get; set; }
    public required string UserId { get; set; }
    public ApplicationUser? User { get; set; }
    public CompanyRole Role { get; set; }
    public AlertMode AlertMode { get; set; }

    /// <summary>The end of the period the member's last daily digest covered (claimed by a conditional update).</summary>
    public DateTimeOffset? DigestedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A supplier on a buyer's watch list, by RFC (the supplier may have no distinctive yet).</summary>
public class WatchedSupplier
{
    public long Id { get; set; }
    public int BuyerId { get; set; }
    public Buyer? Buyer { get; set; }
    public required string Rfc { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public required string AddedByUserId { get; set; }
}

/// <summary>
/// A change of a distinctive buyers are told about, recorded in the transaction that made it (or by the job that
/// noticed an expiry). <see cref="DedupeKey"/> is unique, so a job recording it twice records it once;
/// <see cref="FannedOutAt"/> is set once alerts and webhook deliveries exist for it.
/// </summary>
public class DistinctiveEvent
{
    public long Id { get; set; }
    public long DistinctiveId { get; set; }
    public Distinctive? Distinctive { get; set; }
    public DistinctiveEventKind Kind { get; set; }
    public required string Rfc { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string DedupeKey { get; set; }
    public DateTimeOffset? FannedOutAt { get; set; }
}

/// <summary>A buyer's HTTPS endpoint for signed webhooks (Standard Webhooks); the secret is encrypted at rest.</summary>
public class WebhookEndpoint
{
    public int Id { get; set; }
    public int BuyerId { get; set; }
    public Buyer? Buyer { get; set; }
    public required string Url { get; set; }
    public required string SecretCipher { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
}

/// <summary>One message to one endpoint, with its attempts; <see cref="MessageId"/> is unique (one delivery per event and endpoint).</summary>
public class WebhookDelivery
{
    public long Id { get; set; }
    public int WebhookEndpointId { get; set; }
    public WebhookEndpoint? WebhookEndpoint { get; set; }
    public required string MessageId { get; set; }
    public required string EventType { get; set; }
    public required string PayloadJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public string? ResponseBody { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? GaveUpAt { get; set; }
}

/// <summary>A buyer's API key: shown once, stored as a SHA-256 hash (the key carries 256 random bits), revocable.</summary>
public class BuyerApiKey
{
    public int Id { get; set; }
    public int BuyerId { get; set; }
    public Buyer? Buyer { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByUserId { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
