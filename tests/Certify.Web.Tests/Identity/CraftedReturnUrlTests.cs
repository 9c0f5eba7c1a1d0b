using System.Net;
using Certify.Web.Tests.Infrastructure;

namespace Certify.Web.Tests.Identity;

/// <summary>
/// Return addresses a browser could read as another host (a tab or line feed after the slash, a backslash) send the
/// user home from sign-in, sign-out and the language switch, instead of failing.
/// </summary>
public sealed class CraftedReturnUrlTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    public static TheoryData<string> Crafted => ["/\t/evil.example", "/\n/evil.example", "\\evil.example", "/\\evil.example", "//evil.example"];

    [Theory]
    [MemberData(nameof(Crafted))]
    public async Task Login_CraftedReturnUrl_SignsInAndGoesHome(string returnUrl)
    {
        using var client = factory.CreateBrowserClient();

        using var response = await CertifyWebFactory.PostFormAsync(client, $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "login",
            new Dictionary<string, string>
            {
                ["Input.Email"] = CertifyWebFactory.OwnerAEmail,
                ["Input.Password"] = CertifyWebFactory.DemoPassword,
            });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/inicio", Target(response));
    }

    [Theory]
    [MemberData(nameof(Crafted))]
    public async Task Logout_CraftedReturnUrl_SignsOutAndGoesHome(string returnUrl)
    {
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.OwnerAEmail);
        var token = await CertifyWebFactory.AntiforgeryTokenAsync(client, "/Account/Manage");

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = returnUrl,
        });
        using var response = await client.PostAsync("/Account/Logout", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/", Target(response));
    }

    [Theory]
    [MemberData(nameof(Crafted))]
    public async Task CultureSwitch_CraftedReturnUrl_GoesHome(string returnUrl)
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync($"/cultura/en?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/", Target(response));
    }

    [Fact]
    public async Task CultureSwitch_LocalReturnUrl_IsKept()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync($"/cultura/en?returnUrl={Uri.EscapeDataString("/registro?pagina=2")}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/registro?pagina=2", Target(response));
    }

    /// <summary>Where the redirect leads, resolved as the browser would against the site's address.</summary>
    private static string Target(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost/"), response.Headers.Location!).AbsoluteUri;
}
