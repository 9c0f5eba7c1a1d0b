using MimeKit;

namespace Certify.Web.Infrastructure.Email;

/// <summary>Delivers one finished message. SMTP in production, a pickup folder of .eml files by default.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
