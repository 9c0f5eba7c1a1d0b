using System.Net;
using Certify.Domain.Companies;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Organizations;

public sealed class RegisterCompanyPageTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string Url = "/empresas/registrar";
    private const string FormName = "register-company";

    [Fact]
    public async Task Post_ValidCompany_RedirectsToDashboardStoresOwnerAndAudits()
    {
        var rfc = TestData.ValidRfc("TNO190101A1");
        var userId = await factory.CreateUserAsync("registra@example.com");
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, "registra@example.com");

        using var response = await CertifyWebFactory.PostFormAsync(client, Url, FormName,
            TestData.CompanyFields($"  {rfc.ToLowerInvariant()} ", "  Troqueles del Norte, S.A. de C.V.  "));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var company = await factory.WithDbAsync(db => db.Companies.Include(c => c.Members).SingleAsync(c => c.Rfc == rfc));
        Assert.Equal($"/empresas/{company.Id}", response.Headers.Location!.AbsolutePath);
        Assert.Equal("Troqueles del Norte, S.A. de C.V.", company.LegalName);
        Assert.Equal(MexicanState.NuevoLeon, company.State);
        Assert.Equal(250, company.Workers);
        Assert.Equal(AutoPartsTier.Tier1, company.Tier);
        var owner = Assert.Single(company.Members);
        Assert.Equal(userId, owner.UserId);
        Assert.Equal(CompanyRole.Owner, owner.Role);
        Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(
            e => e.Action == "company.registered" && e.CompanyId == company.Id && e.UserId == userId)));
    }

    [Fact]
    public async Task Post_ValidCompany_KeepsAuditChainVerifiable()
    {
        await factory.CreateUserAsync("cadena@example.com");
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, "cadena@example.com");

        using var response = await CertifyWebFactory.PostFormAsync(client, Url, FormName, TestData.CompanyFields(TestData.ValidRfc("CAD200229B2")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var verification = await scope.ServiceProvider.GetRequiredService<AuditTrailService>().VerifyAsync(CancellationToken.None);
        Assert.True(verification.Chain.IsValid, $"broken at {verification.Chain.BrokenAtId}: {verification.Chain.Reason}");
    }

    [Fact]
    public async Task Post_TwoCompaniesInARow_BothRedirectToTheirDashboards()
    {
        await factory.CreateUserAsync("dos@example.com");
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, "dos@example.com");

        using var first = await CertifyWebFactory.PostFormAsync(client, Url, FormName, TestData.CompanyFields(TestData.ValidRfc("DOS190101D1")));
        using var second = await CertifyWebFactory.PostFormAsync(client, Url, FormName, TestData.CompanyFields(TestData.ValidRfc("DOS190101D2")));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var userId = await factory.UserIdAsync("dos@example.com");
        Assert.Equal(2, await factory.WithDbAsync(db => db.CompanyMemberships.CountAsync(m => m.UserId == userId && m.Role == CompanyRole.Owner)));
    }

    [Fact]
    public async Task Post_BadCheckDigit_ShowsRfcErrorAndStoresNothing()
    {
        var valid = TestData.ValidRfc("DIG190101C3");
        var wrong = valid[..^1] + (valid[^1] == '1' ? '2' : '1');
        await factory.CreateUserAsync("digito@example.com");
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, "digito@example.com");

        using var response = await CertifyWebFactory.PostFormAsync(client, Url, FormName, TestData.CompanyFields(wrong));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = TestData.ValidationMessages(await response.Content.ReadAsStringAsync());
        Assert.Contains(messages, m => m.Contains("dígito verificador", StringComparison.Ordinal) && m.Contains(wrong, StringComparison.Ordinal));
        Assert.False(await factory.WithDbAsync(db => db.Companies.AnyAsync(c => c.Rfc == wrong)));
    }

    [Fact]
    public async Task Post_ExistingRfc_ShowsTakenMessageAndStoresNothing()
    {
        await factory.CreateUserAsync("duplicado@example.com");
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, "duplicado@example.com");
        var companiesBefore = await factory.WithDbAsync(db => db.Companies.CountAsync());

        using var response = await CertifyWebFactory.PostFormAsync(client, Url, FormName,
            TestData.CompanyFields(CertifyWebFactory.CompanyARfc.ToLowerInvariant(), "Otra razón social, S.A. de C.V."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = TestData.ValidationMessages(await response.Content.ReadAsStringAsync());
        Assert.Contains(messages, m => m.Contains("ya está registrada", StringComparison.Ordinal) && m.Contains("invitación", StringComparison.Ordinal));
        Assert.Equal(companiesBefore, await factory.WithDbAsync(db => db.Companies.CountAsync()));
        var userId = await factory.UserIdAsync("duplicado@example.com");
        Assert.False(await factory.WithDbAsync(db => db.CompanyMemberships.AnyAsync(m => m.UserId == userId)));
    }
}
