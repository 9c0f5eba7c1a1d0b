using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Accounts;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Infrastructure.Email;

/// <summary>
/// Queues an e-mail: the message is stored first, then a Hangfire job sends it by id, so a crash between the two
/// loses nothing (the row stays unsent and is visible) and a retried job never sends twice.
/// </summary>
public sealed class EmailOutbox(IDbContextFactory<CertifyDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider clock)
{
    public async Task<long> QueueAsync(string to, EmailContent content, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var email = Stage(db, to, content);
        await db.SaveChangesAsync(ct);
        Dispatch([email]);
        return email.Id;
    }

    /// <summary>
    /// Queues an account link (password reset, e-mail confirmation) unless <paramref name="to"/> already got one in
    /// the last minute or <see cref="AccountEmailThrottle.PerHour"/> in the last hour; the count is read from the
    /// outbox itself, so it holds across nodes. Returns whether the message was queued; callers answer the same
    /// either way.
    /// </summary>
    public async Task<bool> QueueAccountLinkAsync(string to, EmailContent content, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var since = now - AccountEmailThrottle.Window;
        var earlier = await db.OutboundEmails.AsNoTracking()
            .Where(e => e.To == to && e.Category == OutboundEmail.AccountLinkCategory && e.CreatedAt > since)
            .Select(e => e.CreatedAt)
            .ToListAsync(ct);
        if (!AccountEmailThrottle.Allows(earlier, now))
        {
            return false;
        }

        var email = Stage(db, to, content);
        email.Category = OutboundEmail.AccountLinkCategory;
        await db.SaveChangesAsync(ct);
        Dispatch([email]);
        return true;
    }

    /// <summary>
    /// Adds a message to a unit of work the caller saves, so the message exists exactly when the change that caused
    /// it is committed. Call <see cref="Dispatch"/> with the returned rows after saving.
    /// </summary>
    public OutboundEmail Stage(CertifyDbContext db, string to, EmailContent content)
    {
        var email = new OutboundEmail
        {
            To = to,
            Subject = content.Subject,
            HtmlBody = content.HtmlBody,
            TextBody = content.TextBody,
            CreatedAt = clock.GetUtcNow(),
        };
        db.OutboundEmails.Add(email);
        return email;
    }

    /// <summary>Enqueues the sending of staged messages once they are saved; unsent ones are also swept up later.</summary>
    public void Dispatch(IEnumerable<OutboundEmail> saved)
    {
        foreach (var id in saved.Select(e => e.Id))
        {
            jobs.Enqueue<SendEmailJob>(job => job.RunAsync(id, CancellationToken.None));
        }
    }
}
