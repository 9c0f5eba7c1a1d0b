using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>
/// A client chooses the Host header. Links in e-mails come from <c>App:PublicUrl</c> whatever it says, and outside
/// Development a request for another host is refused outright (AllowedHosts).
/// </summary>
public sealed class ForgedHostTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string EvilHost = "evil.example";

    [Fact]
    public async Task ForgotPassword_ForgedHost_EmailedLinkUsesPublicUrl()
    {
        const string email = "olvido-host@example.com";
        await factory.CreateUserAsync(email);
        using var client = ForgedClient();

        using var response = await CertifyWebFactory.PostFormAsync(client, "/Account/ForgotPassword", "forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = email });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var message = await SingleEmailAsync(email);
        Assert.Contains($"{PublicUrl()}/Account/ResetPassword?code=", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(EvilHost, message.TextBody + message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ForgedHost_ConfirmationLinkUsesPublicUrl()
    {
        const string email = "registro-host@example.com";
        using var client = ForgedClient();

        using var response = await CertifyWebFactory.PostFormAsync(client, "/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Persona de prueba",
            ["Input.Email"] = email,
            ["Input.Password"] = "tornillo verde de Celaya",
            ["Input.ConfirmPassword"] = "tornillo verde de Celaya",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var message = await SingleEmailAsync(email);
        Assert.Contains($"{PublicUrl()}/Account/ConfirmEmail?userId=", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(EvilHost, message.TextBody + message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResendConfirmation_ForgedHost_EmailedLinkUsesPublicUrl()
    {
        const string email = "reenvio-host@example.com";
        var userId = await factory.CreateUserAsync(email);
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false)));
        using var client = ForgedClient();

        using var response = await CertifyWebFactory.PostFormAsync(client, "/Account/ResendEmailConfirmation", "resend-email-confirmation",
            new Dictionary<string, string> { ["Input.Email"] = email });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await SingleEmailAsync(email);
        Assert.Contains($"{PublicUrl()}/Account/ConfirmEmail?userId=", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(EvilHost, message.TextBody + message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeEmail_ForgedHost_EmailedLinkUsesPublicUrl()
    {
        const string email = "cambio-host@example.com";
        const string newEmail = "cambio-host-nuevo@example.com";
        await factory.CreateUserAsync(email);
        using var client = ForgedClient();
        await factory.SignInAsync(client, email);

        using var response = await CertifyWebFactory.PostFormAsync(client, "/Account/Manage/Email", "change-email",
            new Dictionary<string, string> { ["Input.NewEmail"] = newEmail });

        var message = await SingleEmailAsync(newEmail);
        Assert.Contains($"{PublicUrl()}/Account/ConfirmEmailChange?userId=", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(EvilHost, message.TextBody + message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamInvitation_ForgedHost_EmailedLinkUsesPublicUrl()
    {
        const string email = "invitacion-host@example.com";
        var companyA = await factory.CompanyIdAsync(CertifyWebFactory.CompanyARfc);
        using var owner = ForgedClient();
        await factory.SignInAsync(owner, CertifyWebFactory.OwnerAEmail);

        using var response = await CertifyWebFactory.PostFormAsync(owner, $"/empresas/{companyA}/equipo", "invite", new Dictionary<string, string>
        {
            ["Invite.Email"] = email,
            ["Invite.Role"] = "Member",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await SingleEmailAsync(email);
        Assert.Contains($"{PublicUrl()}/invitaciones/", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(EvilHost, message.TextBody + message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_OtherHost_IsRefused_PublicHostGetsHstsForAYear()
    {
        using var root = new CertifyWebFactory();
        using var production = root.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("App:PublicUrl", "https://certify.example");
        });
        using var client = production.CreateClient(new() { BaseAddress = new Uri("https://certify.example"), AllowAutoRedirect = false });

        using var publicHost = await client.GetAsync("/health/live");
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        forged.Headers.Host = EvilHost;
        using var forgedResponse = await client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.OK, publicHost.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", publicHost.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal(HttpStatusCode.BadRequest, forgedResponse.StatusCode);
    }

    [Fact]
    public async Task Development_NoHsts()
    {
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost") });

        using var response = await client.GetAsync("/health/live");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private HttpClient ForgedClient()
    {
        var client = factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Host = EvilHost;
        return client;
    }

    private string PublicUrl() => factory.Services.GetRequiredService<IConfiguration>()["App:PublicUrl"]!.TrimEnd('/');

    private async Task<Certify.Data.Entities.OutboundEmail> SingleEmailAsync(string email) =>
        await factory.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.To == email));
}
