using System.Net;
using System.Text.RegularExpressions;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Organizations;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Tests.Features.Organizations;

/// <summary>The demo owner of Autopartes del Bajío invites people; they accept (or fail to) through the e-mailed link.</summary>
public sealed partial class InvitationTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Invite_NewEmail_QueuesEmailWithAcceptLink()
    {
        var token = await InviteAsync("enlace@example.com");

        var invitation = await factory.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Email == "enlace@example.com"));
        Assert.Equal(await CompanyAAsync(), invitation.CompanyId);
        Assert.Equal(CompanyRole.Member, invitation.CompanyRole);
        Assert.Equal(TeamService.Hash(token), invitation.TokenHash);
        Assert.NotEqual(token, invitation.TokenHash);
    }

    [Fact]
    public async Task Accept_InvitedUser_JoinsCompanyAndRedirectsToIt()
    {
        const string email = "acepta@example.com";
        var token = await InviteAsync(email);
        var userId = await factory.CreateUserAsync(email);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, email);

        using var response = await AcceptAsync(client, token);

        var companyA = await CompanyAAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/empresas/{companyA}", response.Headers.Location!.AbsolutePath);
        var membership = await factory.WithDbAsync(db => db.CompanyMemberships.AsNoTracking().SingleAsync(m => m.CompanyId == companyA && m.UserId == userId));
        Assert.Equal(CompanyRole.Member, membership.Role);
        using var dashboard = await client.GetAsync($"/empresas/{companyA}");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task Accept_UsedLink_SaysAlreadyUsedAndAddsNoMembership()
    {
        const string email = "dos-veces@example.com";
        var token = await InviteAsync(email);
        await factory.CreateUserAsync(email);
        using (var first = factory.CreateBrowserClient())
        {
            await factory.SignInAsync(first, email);
            using var accepted = await AcceptAsync(first, token);
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        var otherId = await factory.CreateUserAsync("otra-persona@example.com");
        using var other = factory.CreateBrowserClient();
        await factory.SignInAsync(other, "otra-persona@example.com");
        using var page = await other.GetAsync($"/invitaciones/{token}");

        Assert.Contains("ya se usó", TestData.Text(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty(CertifyWebFactory.Parse(await page.Content.ReadAsStringAsync()).QuerySelectorAll("#invitation-accept"));
        using var again = await CertifyWebFactory.PostFormWithTokenAsync(other, $"/invitaciones/{token}", "accept-invitation",
            CertifyWebFactory.AntiforgeryToken(await page.Content.ReadAsStringAsync()), new Dictionary<string, string>());
        Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.CompanyMemberships.AnyAsync(m => m.UserId == otherId)));
    }

    [Fact]
    public async Task Accept_LinkOlderThanSevenDays_SaysExpiredAndAddsNoMembership()
    {
        const string email = "vencida@example.com";
        var token = await InviteAsync(email);
        await factory.WithDbAsync(async db =>
        {
            var invitation = await db.Invitations.SingleAsync(i => i.Email == email);
            invitation.CreatedAt = DateTimeOffset.UtcNow.AddDays(-8);
            await db.SaveChangesAsync();
        });
        var userId = await factory.CreateUserAsync(email);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, email);

        using var page = await client.GetAsync($"/invitaciones/{token}");
        var html = await page.Content.ReadAsStringAsync();
        using var post = await CertifyWebFactory.PostFormWithTokenAsync(client, $"/invitaciones/{token}", "accept-invitation",
            CertifyWebFactory.AntiforgeryToken(html), new Dictionary<string, string>());

        Assert.Contains("venció", TestData.Text(html), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.CompanyMemberships.AnyAsync(m => m.UserId == userId)));
        Assert.Null(await factory.WithDbAsync(db => db.Invitations.Where(i => i.Email == email).Select(i => i.AcceptedAt).SingleAsync()));
    }

    [Fact]
    public async Task Accept_SignedInWithAnotherEmail_SaysWrongAccountAndAddsNoMembership()
    {
        var token = await InviteAsync("destinataria@example.com");
        var userId = await factory.CreateUserAsync("colada@example.com");
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, "colada@example.com");

        using var response = await AcceptAsync(client, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = CertifyWebFactory.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".alert-danger");
        Assert.NotNull(alert);
        Assert.Contains("colada@example.com", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("otro correo", alert.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.CompanyMemberships.AnyAsync(m => m.UserId == userId)));
        Assert.Null(await factory.WithDbAsync(db => db.Invitations.Where(i => i.Email == "destinataria@example.com").Select(i => i.AcceptedAt).SingleAsync()));
    }

    /// <summary>Owner A invites <paramref name="email"/> as a member; returns the token from the e-mailed link.</summary>
    private async Task<string> InviteAsync(string email)
    {
        var companyA = await CompanyAAsync();
        using var owner = factory.CreateBrowserClient();
        await factory.SignInAsync(owner, CertifyWebFactory.OwnerAEmail);

        using var response = await CertifyWebFactory.PostFormAsync(owner, $"/empresas/{companyA}/equipo", "invite", new Dictionary<string, string>
        {
            ["Invite.Email"] = email,
            ["Invite.Role"] = nameof(CompanyRole.Member),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await factory.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.To == email));
        var link = InvitationLink().Match(message.TextBody);
        Assert.True(link.Success, message.TextBody);
        Assert.Contains(link.Value, message.HtmlBody, StringComparison.Ordinal);
        return link.Groups["token"].Value;
    }

    private static async Task<HttpResponseMessage> AcceptAsync(HttpClient client, string token) =>
        await CertifyWebFactory.PostFormAsync(client, $"/invitaciones/{token}", "accept-invitation", new Dictionary<string, string>());

    private async Task<int> CompanyAAsync() => await factory.CompanyIdAsync(CertifyWebFactory.CompanyARfc);

    [GeneratedRegex("/invitaciones/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex InvitationLink();
}
