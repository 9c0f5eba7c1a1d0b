using Certify.Data;
using Certify.Data.Entities;
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
