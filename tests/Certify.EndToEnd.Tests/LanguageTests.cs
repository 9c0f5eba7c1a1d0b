using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Certify.EndToEnd.Tests;

[Collection(AppCollection.Name)]
public sealed class LanguageTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task SwitchLanguage_ToEnglishAndBack()
    {
        await using var session = await browser.NewSessionAsync(app.BaseUrl, output);
        var page = session.Page;
        var nav = page.Locator("nav").First;
        await session.GotoAsync("");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-MX");

        await nav.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await session.ScreenshotAsync("english");

        await nav.GetByRole(AriaRole.Link, new() { Name = "Español", Exact = true }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-MX");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Iniciar sesión", Exact = true })).ToBeVisibleAsync();
        await session.ScreenshotAsync("spanish");
    }
}
