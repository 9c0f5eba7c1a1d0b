using System.Net;
using Certify.Web.Tests.Infrastructure;

namespace Certify.Web.Tests.Identity;

/// <summary>Staff without an authenticator app are sent to enrol one (demo relaxation off), not shown the page.</summary>
public sealed class StaffTwoFactorTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string Enrolment = "/Account/Manage/EnableAuthenticator?required=true";

    [Fact]
    public async Task Get_BodyHome_AuditorWithoutAuthenticator_RedirectsToEnrolment()
    {
        var body = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.AuditorEmail);

        using var response = await client.GetAsync($"/organismos/{body}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(Enrolment, response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.EndsWith($"returnUrl={Uri.EscapeDataString($"/organismos/{body}")}", response.Headers.Location.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/inicio")]
    [InlineData("/notificaciones")]
    public async Task Get_AnySignedInPage_ProgramAdminWithoutAuthenticator_RedirectsToEnrolment(string page)
    {
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, "programa@capb.demo");

        using var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(Enrolment, response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Account/Manage/EnableAuthenticator")]
    [InlineData("/Account/Manage")]
    public async Task Get_OwnAccountPage_AuditorWithoutAuthenticator_Returns200(string page)
    {
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.AuditorEmail);

        using var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_AuditTrail_PlatformAdminWithoutAuthenticator_RedirectsToEnrolment()
    {
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.AdminEmail);

        using var response = await client.GetAsync("/admin/auditoria");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(Enrolment, response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AuditTrail_PlatformAdminWithAuthenticator_Returns200()
    {
        await factory.CreateUserAsync("admin-auditoria@certify.example", authenticator: true, platformAdmin: true);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, "admin-auditoria@certify.example");

        using var response = await client.GetAsync("/admin/auditoria");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
