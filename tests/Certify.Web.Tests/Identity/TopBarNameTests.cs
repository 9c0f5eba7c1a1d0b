using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Certify.Web.Identity;
using Certify.Web.Tests.Infrastructure;

namespace Certify.Web.Tests.Identity;

/// <summary>The top bar calls a signed-in person by the name they gave, and by their e-mail only if they gave none.</summary>
public sealed partial class TopBarNameTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task SignedIn_TopBar_ShowsTheGivenName()
    {
        var name = await factory.WithUserManagerAsync(async users => (await users.FindByEmailAsync(CertifyWebFactory.OwnerAEmail))!.DisplayName);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.OwnerAEmail);

        using var page = await client.GetAsync("/notificaciones");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(name));
        var link = ProfileLink().Match(html);
        Assert.True(link.Success, "The top bar has no link to the profile.");
        var shown = WebUtility.HtmlDecode(link.Groups[1].Value).Trim();
        Assert.Equal(name, shown);
        Assert.NotEqual(CertifyWebFactory.OwnerAEmail, shown);
    }

    [Fact]
    public void NameOf_NoGivenName_FallsBackToTheEmail()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ana@example.com")], "test"));

        Assert.Equal("ana@example.com", CertifyClaims.NameOf(user));
    }

    [Fact]
    public void NameOf_GivenName_IsTheName()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "ana@example.com"), new Claim(CertifyClaims.DisplayName, "Ana López")], "test"));

        Assert.Equal("Ana López", CertifyClaims.NameOf(user));
    }

    [GeneratedRegex("<a[^>]*href=\"Account/Manage\"[^>]*>([^<]*)</a>")]
    private static partial Regex ProfileLink();
}
