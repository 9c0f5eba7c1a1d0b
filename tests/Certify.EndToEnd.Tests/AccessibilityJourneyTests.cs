using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Certify.EndToEnd.Tests;

/// <summary>
/// The public pages in English (every screenshot runs axe-core at 390 px and 1280 px), the registry as cards on a phone,
/// and the skip link.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class AccessibilityJourneyTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task PublicPages_English_NoSeriousViolations_RegistryRowsAreCardsOnAPhone()
    {
        await using var visitor = await browser.NewSessionAsync(app.BaseUrl, output);
        var page = visitor.Page;
        await visitor.GotoAsync("");
        await page.Locator("nav").First.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");
        await visitor.ScreenshotAsync("0-home");

        await visitor.GotoAsync("registro");
        var table = page.Locator("[data-testid=registry-table]");
        await Expect(table.Locator("tbody tr").First).ToBeVisibleAsync();
        await visitor.ScreenshotAsync("1-registry");

        await page.SetViewportSizeAsync(390, 844);
        var status = table.Locator("tbody tr").First.Locator("td").Last;
        await status.ScrollIntoViewIfNeededAsync();
        await Expect(status).ToBeVisibleAsync();
        var box = await status.BoundingBoxAsync();
        Assert.True(box is { X: >= 0 } && box.X + box.Width <= 390, $"The status cell is off-screen at 390 px: {box?.X} + {box?.Width}.");
        Assert.Equal("Status", await status.GetAttributeAsync("data-label"));
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "At 390 px the registry is wider than the screen.");
        await visitor.ScreenshotAsync("2-registry-phone", fullPage: false);
        await page.SetViewportSizeAsync(1280, 900);

        await table.Locator("tbody tr").First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.Locator("[data-testid=verify-result]")).ToBeVisibleAsync();
        await visitor.ScreenshotAsync("3-verify", fullPage: false);

        // The worker-voice pages in English: the report form and the follow-up page.
        await page.ClickAsync("#report-concern");
        await Expect(page.Locator("[data-testid=concern-who-reads]")).ToContainTextAsync("The company never sees it");
        await visitor.ScreenshotAsync("3b-report-form");
        await visitor.GotoAsync("seguimiento");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Follow up your report");
        await visitor.ScreenshotAsync("3c-follow-up");

        await visitor.GotoAsync("Account/Login");
        await visitor.ScreenshotAsync("4-login");
        await visitor.GotoAsync("Account/Register");
        await visitor.ScreenshotAsync("5-register");
    }

    [BrowserFact]
    public async Task SkipLink_MovesFocusToTheMainContentOfTheSamePage()
    {
        await using var session = await browser.NewSessionAsync(app.BaseUrl, output);
        var page = session.Page;
        await session.GotoAsync("Account/Login");

        // The login page puts focus in the e-mail field; the skip link is the first thing in the page's tab order.
        var skip = page.Locator("a[data-skip-to=main]");
        await skip.FocusAsync();
        await Expect(skip).ToBeVisibleAsync();
        await Expect(skip).ToHaveTextAsync("Saltar al contenido");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
        await Expect(page).ToHaveURLAsync(LoginUrl());
    }

    [GeneratedRegex("/Account/Login(#main)?$")]
    private static partial Regex LoginUrl();
}
