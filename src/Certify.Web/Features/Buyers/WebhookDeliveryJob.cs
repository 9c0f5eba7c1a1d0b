using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Buyers;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Notifications;
using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using StandardWebhooks;

namespace Certify.Web.Features.Buyers;

/// <summary>
/// Sends one webhook delivery: the stored JSON, signed with the endpoint's secret by the Standard Webhooks scheme
/// (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>), by POST with a 5-second timeout, no
/// redirects, through <see cref="WebhookTargetGuard"/>. Each attempt is claimed with a conditional update, so two nodes
/// never send the same attempt. A 2xx answer delivers it; anything else is retried with exponential back-off
/// (<see cref="WebhookSchedule"/>) until the attempts run out; an endpoint failing
/// <see cref="WebhookSchedule.DisableAfterFailures"/> times in a row is disabled and its owners e-mailed.
/// Only the first kilobyte of an answer is kept.
/// </summary>
public sealed class WebhookDeliveryJob(
    IDbContextFactory<CertifyDbContext> dbFactory,
    IHttpClientFactory httpClients,
    IDataProtectionProvider protection,
    IBackgroundJobClient jobs,
    Notifier notifier,
    TimeProvider clock,
    ILogger<WebhookDeliveryJob> logger)
{
    public const string HttpClientName = "webhooks";
    public const string SecretPurpose = "Certify.Webhooks.Secret";

    /// <summary>The type of the owner's test event, the one delivery a disabled endpoint still gets.</summary>
    public const string TestEventType = "webhook.test";

    /// <summary>What a delivery's error says when the endpoint did not answer within the timeout (pages show it in words).</summary>
    public const string TimeoutError = "timeout";

    /// <summary>A new signing secret in the Standard Webhooks form: <c>whsec_</c> and 32 random bytes in base64.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long deliveryId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var delivery = await db.WebhookDeliveries.AsNoTracking().Include(d => d.WebhookEndpoint)
            .SingleOrDefaultAsync(d => d.Id == deliveryId, ct);
        if (delivery is null || delivery.DeliveredAt is not null || delivery.GaveUpAt is not null
            || (delivery.WebhookEndpoint!.DisabledAt is not null && delivery.EventType != TestEventType))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var attempt = delivery.Attempts + 1;
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == deliveryId && d.Attempts == delivery.Attempts && d.DeliveredAt == null && d.GaveUpAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Attempts, attempt).SetProperty(d => d.LastAttemptAt, now).SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null), ct);
        if (claimed == 0)
        {
            return;
        }

        var (status, body, error) = await SendAsync(delivery, ct);
        var endpointId = delivery.WebhookEndpointId;
        if (status is >= 200 and < 300)
        {
            await db.WebhookDeliveries.Where(d => d.Id == deliveryId).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.DeliveredAt, clock.GetUtcNow()).SetProperty(d => d.StatusCode, status)
                .SetProperty(d => d.ResponseBody, body).SetProperty(d => d.Error, (string?)null), ct);
            await db.WebhookEndpoints.Where(e => e.Id == endpointId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsecutiveFailures, 0), ct);
            return;
        }

        var retryAfter = WebhookSchedule.RetryAfter(attempt);
        var next = retryAfter is { } wait ? clock.GetUtcNow() + wait : (DateTimeOffset?)null;
        await db.WebhookDeliveries.Where(d => d.Id == deliveryId).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.StatusCode, status).SetProperty(d => d.ResponseBody, body).SetProperty(d => d.Error, error)
            .SetProperty(d => d.NextAttemptAt, next).SetProperty(d => d.GaveUpAt, next == null ? clock.GetUtcNow() : null), ct);
        await db.WebhookEndpoints.Where(e => e.Id == endpointId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsecutiveFailures, e => e.ConsecutiveFailures + 1), ct);
        if (retryAfter is { } delay)
        {
            jobs.Schedule<WebhookDeliveryJob>(job => job.RunAsync(deliveryId, CancellationToken.None), delay);
        }

        await DisableIfFailingAsync(db, endpointId, ct);
    }

    private async Task<(int? Status, string? Body, string? Error)> SendAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        var secret = protection.CreateProtector(SecretPurpose).Unprotect(delivery.WebhookEndpoint!.SecretCipher);
        var sentAt = clock.GetUtcNow();
        var signature = new StandardWebhook(secret).Sign(delivery.MessageId, sentAt, delivery.PayloadJson);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.WebhookEndpoint.Url)
        {
            Content = new StringContent(delivery.PayloadJson, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(WebhookSchedule.TimeOut);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, await ReadStartAsync(response, timeout.Token), null);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            logger.LogInformation(e, "Webhook delivery {DeliveryId} to endpoint {EndpointId} failed", delivery.Id, delivery.WebhookEndpointId);
            var message = e is OperationCanceledException ? TimeoutError : e.Message;
            return (null, null, message.Length > 500 ? message[..500] : message);
        }
    }

    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[WebhookSchedule.MaxStoredResponse];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return text.Length > WebhookSchedule.MaxStoredResponse ? text[..WebhookSchedule.MaxStoredResponse] : text;
    }

    private async Task DisableIfFailingAsync(CertifyDbContext db, int endpointId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();

        // Disabled and told together: a crash between them must not leave the owners unaware of a disabled endpoint.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var disabled = await db.WebhookEndpoints
            .Where(e => e.Id == endpointId && e.DisabledAt == null && e.ConsecutiveFailures >= WebhookSchedule.DisableAfterFailures)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DisabledAt, now), ct);
        if (disabled == 0)
        {
            return;
        }

        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == endpointId, ct);
        var owners = await db.BuyerMemberships.AsNoTracking().Where(m => m.BuyerId == endpoint.BuyerId && m.Role == CompanyRole.Owner)
            .Select(m => m.UserId).ToListAsync(ct);
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.System, AuditActions.WebhookDisabled, nameof(WebhookEndpoint),
            endpointId.ToString(CultureInfo.InvariantCulture), new { endpoint.Url, Failures = endpoint.ConsecutiveFailures }));
        var emails = await notifier.StageAsync(db, NotificationKind.WebhookDisabled, owners, BuyerPaths.Integrations(endpoint.BuyerId),
            new Dictionary<string, string> { ["url"] = endpoint.Url, ["count"] = endpoint.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture) },
            $"webhook-disabled:{endpointId}:{now.UtcTicks}", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        notifier.Dispatch(emails);
    }
}

/// <summary>The buyer's pages, for links and notifications.</summary>
public static class BuyerPaths
{
    public static string Home(int buyerId) => $"/compradores/{buyerId}";

    public static string Integrations(int buyerId) => $"/compradores/{buyerId}/integraciones";
}
