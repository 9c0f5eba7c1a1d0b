using System.Net;
using Certify.Data.Entities;
using Certify.Domain.Tenancy;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Tests.Features.Tenancy;

/// <summary>A member of company A (the demo Autopartes del Bajío owner) tries every door of company B and of other bodies.</summary>
public sealed class TenantIsolationTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Theory]
    [InlineData("")]
    [InlineData("/perfil")]
    [InlineData("/equipo")]
    public async Task Get_OtherCompanyPage_Returns404(string page)
    {
        var companyB = await factory.CompanyIdAsync(CertifyWebFactory.CompanyBRfc);
        using var client = await SignedInOwnerAAsync();

        using var response = await client.GetAsync($"/empresas/{companyB}{page}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("PlastiMoldes", TestData.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OwnCompanyPages_Return200()
    {
        var companyA = await factory.CompanyIdAsync(CertifyWebFactory.CompanyARfc);
        using var client = await SignedInOwnerAAsync();

        foreach (var page in new[] { "", "/perfil", "/equipo" })
        {
            using var response = await client.GetAsync($"/empresas/{companyA}{page}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task PostProfile_OtherCompanyWithOwnToken_LeavesItUnchanged()
    {
        var companyA = await factory.CompanyIdAsync(CertifyWebFactory.CompanyARfc);
        var before = await CompanyBAsync();
        using var client = await SignedInOwnerAAsync();
        var token = await CertifyWebFactory.AntiforgeryTokenAsync(client, $"/empresas/{companyA}/perfil");
        var fields = TestData.CompanyFields(before.Rfc, "Empresa secuestrada, S.A. de C.V.");
        fields["Form.Version"] = before.Version.ToString();

        using var response = await CertifyWebFactory.PostFormWithTokenAsync(client, $"/empresas/{before.Id}/perfil", "company-profile", token, fields);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        var after = await CompanyBAsync();
        Assert.Equal(before.LegalName, after.LegalName);
        Assert.Equal(before.Version, after.Version);
        Assert.False(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CompanyId == before.Id)));
    }

    [Fact]
    public async Task PostInvite_OtherCompany_CreatesNoInvitation()
    {
        var companyA = await factory.CompanyIdAsync(CertifyWebFactory.CompanyARfc);
        var companyB = await factory.CompanyIdAsync(CertifyWebFactory.CompanyBRfc);
        using var client = await SignedInOwnerAAsync();
        var token = await CertifyWebFactory.AntiforgeryTokenAsync(client, $"/empresas/{companyA}/equipo");

        using var response = await CertifyWebFactory.PostFormWithTokenAsync(client, $"/empresas/{companyB}/equipo", "invite", token,
            new Dictionary<string, string> { ["Invite.Email"] = "intruso@example.com", ["Invite.Role"] = nameof(CompanyRole.Owner) });

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        Assert.False(await factory.WithDbAsync(db => db.Invitations.AnyAsync(i => i.Email == "intruso@example.com")));
        Assert.False(await factory.WithDbAsync(db => db.OutboundEmails.AnyAsync(e => e.To == "intruso@example.com")));
    }

    [Fact]
    public async Task PostTeamAction_RevokeOtherCompanyInvitation_LeavesItPending()
    {
        var companyA = await factory.CompanyIdAsync(CertifyWebFactory.CompanyARfc);
        var invitationId = await CreateCompanyBInvitationAsync("pendiente-b@example.com");
        using var client = await SignedInOwnerAAsync();

        using var response = await CertifyWebFactory.PostFormAsync(client, $"/empresas/{companyA}/equipo", "team-actions",
            new Dictionary<string, string> { ["Action"] = $"revoke:{invitationId}" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No encontramos ese registro.", TestData.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.Invitations.Where(i => i.Id == invitationId).Select(i => i.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task PostTeamAction_RemoveOtherCompanyMember_KeepsMembership()
    {
        var companyA = await factory.CompanyIdAsync(CertifyWebFactory.CompanyARfc);
        var companyB = await factory.CompanyIdAsync(CertifyWebFactory.CompanyBRfc);
        var memberB = await factory.CreateUserAsync("integrante-b@example.com");
        var membershipId = await factory.AddCompanyMembershipAsync(companyB, memberB, CompanyRole.Member);
        using var client = await SignedInOwnerAAsync();

        using var response = await CertifyWebFactory.PostFormAsync(client, $"/empresas/{companyA}/equipo", "team-actions",
            new Dictionary<string, string> { ["Action"] = $"remove:{membershipId}" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.CompanyMemberships.AnyAsync(m => m.Id == membershipId)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/equipo")]
    public async Task Get_OtherBodyPage_AuditorOfAnotherBody_Returns404(string page)
    {
        var demoBody = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        using var client = await SignedInOtherBodyAuditorAsync();

        using var response = await client.GetAsync($"/organismos/{demoBody}{page}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_OwnBodyPage_AuditorOfThatBody_Returns200()
    {
        using var client = await SignedInOtherBodyAuditorAsync();
        var otherBody = await factory.BodyIdAsync("otro-organismo");

        using var response = await client.GetAsync($"/organismos/{otherBody}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_BodyPage_CompanyOwner_RedirectsToAccessDenied()
    {
        var demoBody = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        using var client = await SignedInOwnerAAsync();

        using var response = await client.GetAsync($"/organismos/{demoBody}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.AbsolutePath);
    }

    private async Task<HttpClient> SignedInOwnerAAsync()
    {
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.OwnerAEmail);
        return client;
    }

    private async Task<HttpClient> SignedInOtherBodyAuditorAsync()
    {
        const string email = "auditor@otro-organismo.example";
        if (!await factory.WithDbAsync(db => db.CertifyingBodies.AnyAsync(b => b.Slug == "otro-organismo")))
        {
            var bodyId = await factory.CreateBodyAsync("otro-organismo", "Otro organismo certificador");
            var userId = await factory.CreateUserAsync(email, authenticator: true);
            await factory.AddBodyMembershipAsync(bodyId, userId, BodyRole.Auditor);
        }

        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, email);
        return client;
    }

    private async Task<Company> CompanyBAsync() =>
        await factory.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Rfc == CertifyWebFactory.CompanyBRfc));

    private async Task<int> CreateCompanyBInvitationAsync(string email)
    {
        var companyB = await factory.CompanyIdAsync(CertifyWebFactory.CompanyBRfc);
        var ownerB = await factory.UserIdAsync(CertifyWebFactory.OwnerBEmail);
        return await factory.WithDbAsync(async db =>
        {
            var invitation = new Invitation
            {
                CompanyId = companyB,
                CompanyRole = CompanyRole.Member,
                Email = email,
                TokenHash = Guid.NewGuid().ToString("N"),
                InvitedByUserId = ownerB,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
            return invitation.Id;
        });
    }
}
