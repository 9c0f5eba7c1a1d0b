using System.Net;
using Certify.Data.Entities;
using Certify.Domain.Accounts;
using Certify.Web.Infrastructure.Email;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Identity;

/// <summary>
/// Reset and confirmation links: one per address a minute, five an hour, counted in the database (so two nodes
/// count the same messages); the page answers the same whether a message went out or not.
/// </summary>
public sealed class AccountEmailThrottleTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task ForgotPassword_TenRequests_OneEmail_SameAnswerEveryTime()
    {
        const string email = "diez-veces@example.com";
        await factory.CreateUserAsync(email);
        using var client = factory.CreateBrowserClient();

        for (var i = 0; i < 10; i++)
        {
            using var response = await CertifyWebFactory.PostFormAsync(client, "/Account/ForgotPassword", "forgot-password",
                new Dictionary<string, string> { ["Input.Email"] = email });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.EndsWith("Account/ForgotPasswordConfirmation", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal(1, await AccountLinksAsync(email));
    }

    [Fact]
    public async Task QueueAccountLink_SharedAcrossOutboxes_OnePerMinuteAndFivePerHour()
    {
        const string email = "por-hora@example.com";
        var clock = new TestClock(new DateTimeOffset(2031, 5, 12, 15, 0, 0, TimeSpan.Zero));

        // Two outboxes on the same database stand for two nodes: each sees what the other queued.
        var nodeA = Outbox(clock);
        var nodeB = Outbox(clock);
        Assert.True(await nodeA.QueueAccountLinkAsync(email, Content()));
        Assert.False(await nodeB.QueueAccountLinkAsync(email, Content()));

        for (var i = 1; i < AccountEmailThrottle.PerHour; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.True(await (i % 2 == 0 ? nodeA : nodeB).QueueAccountLinkAsync(email, Content()));
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await nodeA.QueueAccountLinkAsync(email, Content()));
        Assert.True(await nodeA.QueueAccountLinkAsync("otra-direccion@example.com", Content()));

        clock.Advance(TimeSpan.FromMinutes(56));
        Assert.True(await nodeB.QueueAccountLinkAsync(email, Content()));
        Assert.Equal(AccountEmailThrottle.PerHour + 1, await AccountLinksAsync(email));
    }

    private EmailOutbox Outbox(TimeProvider clock) =>
        ActivatorUtilities.CreateInstance<EmailOutbox>(factory.Services, clock, new RecordingJobClient());

    private static EmailContent Content() => new("Asunto", "<p>Cuerpo</p>", "Cuerpo");

    private async Task<int> AccountLinksAsync(string email) =>
        await factory.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.To == email && e.Category == OutboundEmail.AccountLinkCategory));
}
