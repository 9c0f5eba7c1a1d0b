using System.Net;
using static Microsoft.Playwright.Assertions;

namespace Certify.EndToEnd.Tests;

/// <summary>The fixture itself: the app answers on a real port, serves Blazor's script and drops e-mail in its folder.</summary>
[Collection(AppCollection.Name)]
public sealed class AppFixtureTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task HealthReady_FreshDataFolder_ReportsHealthy()
    {
        using var client = app.CreateHttpClient();

        using var response = await client.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "certify.db")), $"No certify.db in {app.DataDirectory}.");
    }

    [BrowserFact]
    public async Task LoginPage_InDevelopment_LoadsBlazorAndSpanishLanguage()
    {
        await using var session = await browser.NewSessionAsync(app.BaseUrl, output);

        await session.GotoAsync("Account/Login");

        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", "es-MX");
        await Expect(session.Page.Locator("#Input\\.Email")).ToBeVisibleAsync();
        await session.ScreenshotAsync("login");
    }

    [BrowserFact]
    public async Task ForgotPassword_DemoUser_WritesResetLinkToPickupFolder()
    {
        const string demoUser = "rh@autopartes-bajio.demo";
        await using var session = await browser.NewSessionAsync(app.BaseUrl, output);
        await session.GotoAsync("Account/ForgotPassword");

        await session.Page.FillAsync("#Input\\.Email", demoUser);
        await session.Page.Locator("main form button[type=submit]").ClickAsync();

        var link = await app.WaitForEmailLinkAsync(demoUser, "Account/ResetPassword", TimeSpan.FromSeconds(30));
        Assert.StartsWith(app.BaseUrl, link, StringComparison.Ordinal);
        Assert.Contains("code=", link, StringComparison.Ordinal);
    }
}
