using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Certify.EndToEnd.Tests;

[Collection(AppCollection.Name)]
public sealed partial class RegistrationJourneyTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    private const string Password = "una frase larga de prueba 2026";

    // FNP + 190215 + AB + the SAT check digit 9: a valid legal-entity RFC that Rfc.Validate accepts and the demo seed does not use.
    private const string CompanyRfc = "FNP190215AB9";

    [BrowserFact]
    public async Task RegisterConfirmSignInRegisterCompany_ShowsCompanyDashboard()
    {
        var email = $"journey-{Guid.NewGuid():N}@forjas.test";
        await using var session = await browser.NewSessionAsync(app.BaseUrl, output);
        var page = session.Page;

        await session.GotoAsync("");
        await session.ScreenshotAsync("1-landing");
        await page.Locator("a[href*='Account/Register']").First.ClickAsync();

        await session.WaitForBlazorAsync();
        await page.FillAsync("#Input\\.DisplayName", "Mariana Prueba");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", Password);
        await page.FillAsync("#Input\\.ConfirmPassword", Password);
        await session.ScreenshotAsync("2-register");
        await page.ClickAsync("#register-submit");

        var confirmation = await app.WaitForEmailLinkAsync(email, "Account/ConfirmEmail", TimeSpan.FromSeconds(30));
        await session.ScreenshotAsync("3-registered");
        await session.GotoAsync(confirmation);
        await Expect(page.Locator(".alert-success")).ToBeVisibleAsync();
        await session.ScreenshotAsync("4-confirmed");

        await session.GotoAsync("Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", Password);
        await session.ScreenshotAsync("5-login");
        await page.ClickAsync("#login-submit");

        // /inicio sends a user without a company on to the company form.
        await Expect(page).ToHaveURLAsync(CompanyRegistrationUrl());
        await session.WaitForBlazorAsync();
        await page.FillAsync("#company-legal-name", "Forjas del Norte Prueba, S.A. de C.V.");
        await page.FillAsync("#company-trade-name", "Forjas del Norte");
        await page.FillAsync("#company-rfc", CompanyRfc);
        await page.SelectOptionAsync("#company-state", "NuevoLeon");
        await page.FillAsync("#company-municipality", "Monterrey");
        await page.FillAsync("#company-workers", "85");
        await page.SelectOptionAsync("#company-tier", "Tier1");
        await session.ScreenshotAsync("6-company-form");
        await page.ClickAsync("#company-submit");

        await Expect(page).ToHaveURLAsync(CompanyDashboardUrl());
        var dashboard = page.Locator("[data-testid=company-dashboard]");
        await Expect(dashboard).ToBeVisibleAsync();
        await Expect(dashboard).ToContainTextAsync("Forjas del Norte");
        await session.ScreenshotAsync("7-company-dashboard");
    }

    [GeneratedRegex(@"/empresas/registrar$")]
    private static partial Regex CompanyRegistrationUrl();

    [GeneratedRegex(@"/empresas/\d+(\?registrada=1)?$")]
    private static partial Regex CompanyDashboardUrl();
}
