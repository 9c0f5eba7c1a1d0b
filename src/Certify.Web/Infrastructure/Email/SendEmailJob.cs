using Certify.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Certify.Web.Infrastructure.Email;

public sealed class SendEmailJob(
    IDbContextFactory<CertifyDbContext> dbFactory,
    IMailTransport transport,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<SendEmailJob> logger)
{
    [AutomaticRetry(Attempts = 8, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [Queue("email")]
    public async Task RunAsync(long emailId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var email = await db.OutboundEmails.SingleOrDefaultAsync(e => e.Id == emailId, ct);
        if (email is null || email.SentAt is not null)
        {
            return;
        }

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.Value.FromName, options.Value.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.MessageId = $"certify-{email.Id}@{options.Value.FromAddress.Split('@')[^1]}";
        message.Body = new BodyBuilder { HtmlBody = email.HtmlBody, TextBody = email.TextBody }.ToMessageBody();

        email.Attempts++;
        try
        {
            await transport.SendAsync(message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            email.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning(ex, "E-mail {EmailId} failed on attempt {Attempt}", email.Id, email.Attempts);
            throw;
        }

        email.SentAt = clock.GetUtcNow();
        email.LastError = null;
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("E-mail {EmailId} sent", email.Id);
    }
}
