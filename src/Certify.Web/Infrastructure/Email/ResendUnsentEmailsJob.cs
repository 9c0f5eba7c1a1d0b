using Certify.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Infrastructure.Email;

/// <summary>
/// Finds messages stored but never sent — the process died between saving the row and enqueuing its job, or the
/// job ran out of retries — and enqueues them again. Sending is idempotent, so a duplicate enqueue is harmless.
/// </summary>
public sealed class ResendUnsentEmailsJob(IDbContextFactory<CertifyDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider clock)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cutoff = clock.GetUtcNow() - Grace;
        var unsent = await db.OutboundEmails
            .Where(e => e.SentAt == null && e.CreatedAt < cutoff && e.Attempts < 20)
            .Select(e => e.Id)
            .ToListAsync(ct);
        foreach (var id in unsent)
        {
            jobs.Enqueue<SendEmailJob>(job => job.RunAsync(id, CancellationToken.None));
        }
    }
}
