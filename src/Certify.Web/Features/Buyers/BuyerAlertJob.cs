using System.Globalization;
using System.Text.Json;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Buyers;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives;
using Certify.Web.Features.Notifications;
using Certify.Web.Infrastructure.Email;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Buyers;

/// <summary>
/// Tells buyers about changes of their suppliers' distinctives (recurring, every minute): records expiries as events
/// (once each), then fans every new <see cref="DistinctiveEvent"/> out to the members of the buyers watching that RFC
/// — an in-app notice each, and an e-mail for those who chose one per change — and to those buyers' enabled webhook
/// endpoints (one delivery per event and endpoint). Each event is fanned out in one transaction claimed by a
/// conditional update, and notifications and deliveries are unique, so a re-run or a second node tells nobody twice.
/// <see cref="DigestAsync"/> (daily) e-mails the members who chose a daily digest.
/// </summary>
public sealed class BuyerAlertJob(
    IDbContextFactory<CertifyDbContext> dbFactory,
    Notifier notifier,
    EmailOutbox outbox,
    DistinctiveUrls urls,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    ILogger<BuyerAlertJob> logger)
{
    public const string Id = "buyer-alerts";
    public const string DigestId = "buyer-digest";
    private const int Batch = 200;
    private static readonly TimeSpan ExpiryLookBack = TimeSpan.FromDays(7);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await RecordExpiriesAsync(ct);
        var fannedOut = 0;
        List<long> pending;
        do
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            pending = await db.DistinctiveEvents.AsNoTracking().Where(e => e.FannedOutAt == null).OrderBy(e => e.Id).Select(e => e.Id).Take(Batch).ToListAsync(ct);
            foreach (var eventId in pending)
            {
                fannedOut += await FanOutAsync(eventId, ct) ? 1 : 0;
            }
        }
        while (pending.Count == Batch);

        await RequeueLostDeliveriesAsync(ct);
        return fannedOut;
    }

    /// <summary>Distinctives that ended in the last 7 days without a revocation become "expired" events (once: the dedupe key is unique).</summary>
    private async Task RecordExpiriesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var since = now - ExpiryLookBack;
        var ended = await db.Distinctives
            .Where(d => d.ValidUntil <= now && d.ValidUntil > since && d.RevokedAt == null
                && !db.DistinctiveEvents.Any(e => e.DistinctiveId == d.Id && e.Kind == DistinctiveEventKind.Expired))
            .ToListAsync(ct);
        foreach (var distinctive in ended)
        {
            DistinctiveEventLog.Add(db, distinctive, DistinctiveEventKind.Expired, distinctive.ValidUntil, $"expired:{distinctive.Id}");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node recorded it first.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<bool> FanOutAsync(long eventId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await db.DistinctiveEvents.AsNoTracking().Include(x => x.Distinctive).ThenInclude(d => d!.Program).SingleAsync(x => x.Id == eventId, ct);
        var d = e.Distinctive!;
        var now = clock.GetUtcNow();
        var status = DistinctiveStatusQuery.Derive(d.RevokedAt, d.SuspendedAt, d.ValidFrom, d.ValidUntil, now);
        var buyers = await db.WatchedSuppliers.AsNoTracking().Where(w => w.Rfc == e.Rfc).Select(w => w.BuyerId).Distinct().ToListAsync(ct);
        var members = await db.BuyerMemberships.AsNoTracking().Where(m => buyers.Contains(m.BuyerId))
            .Select(m => new { m.BuyerId, m.UserId, m.AlertMode }).ToListAsync(ct);
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(w => buyers.Contains(w.BuyerId) && w.DisabledAt == null)
            .Select(w => w.Id).ToListAsync(ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.DistinctiveEvents.Where(x => x.Id == eventId && x.FannedOutAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.FannedOutAt, now), ct);
        if (claimed == 0)
        {
            return false;
        }

        var data = new Dictionary<string, string>
        {
            ["event"] = e.Kind.ToString(),
            ["company"] = d.LegalName,
            ["rfc"] = d.Rfc,
            ["number"] = d.Number,
            ["program"] = d.Program?.NameEs ?? d.Program?.Code ?? "",
            ["status"] = status.ToString(),
        };
        var emails = new List<OutboundEmail>();
        foreach (var buyer in members.GroupBy(m => m.BuyerId))
        {
            var daily = buyer.Where(m => m.AlertMode == AlertMode.Daily).Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
            emails.AddRange(await notifier.StageAsync(db, NotificationKind.SupplierDistinctiveChanged, buyer.Select(m => m.UserId), BuyerPaths.Home(buyer.Key),
                data, $"supplier:{eventId}:{buyer.Key}", ct, daily));
        }

        var payload = JsonSerializer.Serialize(Payload(e, d, status), Json);
        var deliveries = endpoints.Select(endpointId => new WebhookDelivery
        {
            WebhookEndpointId = endpointId,
            MessageId = $"msg_{eventId}_{endpointId}",
            EventType = DistinctiveEvents.WebhookType(e.Kind),
            PayloadJson = payload,
            CreatedAt = now,
        }).ToList();
        db.WebhookDeliveries.AddRange(deliveries);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "Event {EventId} was fanned out by another run", eventId);
            return false;
        }

        notifier.Dispatch(emails);
        foreach (var delivery in deliveries)
        {
            jobs.Enqueue<WebhookDeliveryJob>(job => job.RunAsync(delivery.Id, CancellationToken.None));
        }

        return true;
    }

    /// <summary>The webhook body: the event and what the public registry shows, with the links to verify it independently.</summary>
    public object Payload(DistinctiveEvent e, Distinctive d, DistinctiveStatus status)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(d);
        var code = VerificationCode.TryParse(d.VerificationCode, out var parsed) ? parsed : default;
        return new
        {
            type = DistinctiveEvents.WebhookType(e.Kind),
            timestamp = e.OccurredAt.ToUniversalTime(),
            data = new
            {
                rfc = d.Rfc,
                company = d.LegalName,
                number = d.Number,
                verificationCode = d.VerificationCode,
                program = d.Program?.Code,
                level = d.LevelCode,
                status = status.ToString().ToLowerInvariant(),
                validUntil = d.ValidUntil.ToUniversalTime(),
                verificationUrl = urls.Verify(code),
                credentialUrl = $"{urls.Base}/api/v1/distinctives/{d.VerificationCode}/credential",
            },
        };
    }

    /// <summary>Deliveries whose scheduled retry was lost (a node died with it) are enqueued again.</summary>
    private async Task RequeueLostDeliveriesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stale = clock.GetUtcNow() - TimeSpan.FromMinutes(10);
        var lost = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.DeliveredAt == null && d.GaveUpAt == null && d.WebhookEndpoint!.DisabledAt == null
                && ((d.NextAttemptAt != null && d.NextAttemptAt < stale) || (d.Attempts == 0 && d.CreatedAt < stale)))
            .Select(d => d.Id).Take(Batch).ToListAsync(ct);
        foreach (var id in lost)
        {
            jobs.Enqueue<WebhookDeliveryJob>(job => job.RunAsync(id, CancellationToken.None));
        }
    }

    /// <summary>
    /// Daily: one e-mail to each member who chose the digest, listing the changes of their buyer's suppliers since
    /// their last digest. The period is claimed with a conditional update, so a re-run or a second node sends none.
    /// </summary>
    public async Task<int> DigestAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var members = await db.BuyerMemberships.AsNoTracking().Where(m => m.AlertMode == AlertMode.Daily)
            .Select(m => new { m.Id, m.BuyerId, m.DigestedUntil, m.CreatedAt, m.User!.Email, m.User.PreferredCulture, Buyer = m.Buyer!.Name }).ToListAsync(ct);
        var sent = 0;
        foreach (var member in members.Where(m => m.Email is not null))
        {
            var since = member.DigestedUntil ?? member.CreatedAt;
            var changes = await db.DistinctiveEvents.AsNoTracking()
                .Where(e => e.OccurredAt > since && e.OccurredAt <= now && db.WatchedSuppliers.Any(w => w.BuyerId == member.BuyerId && w.Rfc == e.Rfc))
                .OrderBy(e => e.OccurredAt)
                .Select(e => new { e.Kind, e.Distinctive!.LegalName, e.Distinctive.Number, e.Rfc })
                .ToListAsync(ct);
            // The claim and the staged e-mail commit together: a crash between them neither loses the digest nor sends it twice.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.BuyerMemberships.Where(m => m.Id == member.Id && m.DigestedUntil == member.DigestedUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DigestedUntil, now), ct);
            if (claimed == 0 || changes.Count == 0)
            {
                await transaction.CommitAsync(ct);
                continue;
            }

            var english = EmailTemplates.IsEnglish(member.PreferredCulture);
            var lines = string.Join("\n", changes.Select(c =>
                $"• {c.LegalName} ({c.Rfc}), {c.Number}: {NotificationTexts.SupplierEventTitle(c.Kind.ToString(), english)}"));
            var count = changes.Count.ToString(CultureInfo.InvariantCulture);
            var title = (english, changes.Count == 1) switch
            {
                (true, true) => $"{member.Buyer}: 1 change in your suppliers' distinctives",
                (true, false) => $"{member.Buyer}: {count} changes in your suppliers' distinctives",
                (false, true) => $"{member.Buyer}: 1 cambio en los distintivos de tus proveedores",
                (false, false) => $"{member.Buyer}: {count} cambios en los distintivos de tus proveedores",
            };
            var email = outbox.Stage(db, member.Email!, EmailTemplates.Build(title, "", lines,
                english ? "Open your supplier list" : "Abrir tu lista de proveedores", urls.Base + BuyerPaths.Home(member.BuyerId),
                english ? "You chose a daily summary; change it on your supplier list." : "Elegiste un resumen diario; cámbialo en tu lista de proveedores."));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            outbox.Dispatch([email]);
            sent++;
        }

        return sent;
    }
}
