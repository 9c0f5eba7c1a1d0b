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
        var email = new OutboundEmail
        {
            To = to,
            Subject = content.Subject,
            HtmlBody = content.HtmlBody,
            TextBody = content.TextBody,
            CreatedAt = clock.GetUtcNow(),
        };
        db.OutboundEmails.Add(email);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<SendEmailJob>(job => job.RunAsync(email.Id, CancellationToken.None));
        return email.Id;
    }
}
