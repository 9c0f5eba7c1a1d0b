using System.Net;

namespace Certify.Web.Tests.Infrastructure;

public sealed class HangfireDashboardTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string Dashboard = "/admin/jobs";

    [Fact]
    public async Task Get_Anonymous_RedirectsToLogin()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(Dashboard);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Get_CompanyOwner_RedirectsToAccessDenied()
    {
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.OwnerAEmail);

        using var response = await client.GetAsync(Dashboard);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Get_PlatformAdminWithAuthenticator_Returns200()
    {
        await factory.CreateUserAsync("admin-2fa@certify.example", authenticator: true, platformAdmin: true);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, "admin-2fa@certify.example");

        using var response = await client.GetAsync(Dashboard);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Certify — trabajos", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStats_Anonymous_RedirectsToLogin()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(Dashboard + "/stats");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task GetStats_PlatformAdminWithAuthenticator_AnswersMethodNotAllowedNot500()
    {
        await factory.CreateUserAsync("admin-stats@certify.example", authenticator: true, platformAdmin: true);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, "admin-stats@certify.example");

        using var response = await client.GetAsync(Dashboard + "/stats");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }
}
