using System.Net;
using Certify.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Infrastructure.Email;

public sealed class SendEmailJobTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Register_NewAccount_QueuesConfirmationEmail()
    {
        const string email = "nueva-cuenta@example.com";
        using var client = factory.CreateBrowserClient();

        using var response = await CertifyWebFactory.PostFormAsync(client, "/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Nueva Cuenta",
            ["Input.Email"] = email,
            ["Input.Password"] = "engrane oxidado de Silao",
            ["Input.ConfirmPassword"] = "engrane oxidado de Silao",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/RegisterConfirmation", response.Headers.Location!.AbsolutePath);
        var queued = await factory.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.To == email));
        Assert.Null(queued.SentAt);
        Assert.Contains("Account/ConfirmEmail", queued.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Twice_WritesOneMessageAndMarksItSent()
    {
        var emailId = await QueueAsync("una-vez@example.com");
        var mail = Path.Combine(factory.DataDirectory, "mail");

        await RunJobAsync(emailId);
        await RunJobAsync(emailId);

        var file = Assert.Single(Directory.GetFiles(mail, "*.eml"), f => File.ReadAllText(f).Contains("una-vez@example.com", StringComparison.Ordinal));
        Assert.Contains("Subject: Prueba de entrega", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        var sent = await factory.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Id == emailId));
        Assert.NotNull(sent.SentAt);
        Assert.Equal(1, sent.Attempts);
        Assert.Empty(Directory.GetFiles(mail, "*.tmp"));
    }

    private async Task<long> QueueAsync(string to)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        return await outbox.QueueAsync(to, new EmailContent("Prueba de entrega", "<p>Hola</p>", "Hola"));
    }

    private async Task RunJobAsync(long emailId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SendEmailJob>().RunAsync(emailId, CancellationToken.None);
    }
}
