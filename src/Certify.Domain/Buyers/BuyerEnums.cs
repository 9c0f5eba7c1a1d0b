namespace Certify.Domain.Buyers;

/// <summary>How a buyer's member hears of a change in a watched supplier's distinctive, besides the in-app notice.</summary>
public enum AlertMode
{
    /// <summary>One e-mail per change, as it happens.</summary>
    Immediate,

    /// <summary>One e-mail a day with the day's changes.</summary>
    Daily,
}

/// <summary>What happened to a distinctive, as buyers are told (in-app, e-mail and webhook type).</summary>
public enum DistinctiveEventKind
{
    Issued,
    Renewed,
    Suspended,
    Reinstated,
    Revoked,
    Expired,
}

public static class DistinctiveEvents
{
    /// <summary>The webhook event type: <c>distinctive.issued</c>, <c>distinctive.suspended</c>…</summary>
    public static string WebhookType(DistinctiveEventKind kind) => "distinctive." + kind.ToString().ToLowerInvariant();
}
