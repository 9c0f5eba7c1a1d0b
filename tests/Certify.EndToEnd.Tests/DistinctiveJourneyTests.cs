using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Certify.EndToEnd.Tests;

/// <summary>
/// The public side of a distinctive on the demo seed: anyone searches the registry and opens an active distinctive;
/// the program admin revokes it and the same public page then says Revocado with the date.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DistinctiveJourneyTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    private const string ProgramAdmin = "programa@capb.demo";
    private const string DemoPassword = "Bajio.Proveedores.2026";
    private const string ActiveCompany = "Forjas de León";

    [BrowserFact]
    public async Task PublicSearch_OpensActiveDistinctive_AdminRevokes_PageSaysRevocado()
    {
        await using var visitor = await browser.NewSessionAsync(app.BaseUrl, output);
        var page = visitor.Page;
        await visitor.GotoAsync("registro");
        await page.FillAsync("#registry-q", "Forjas");
        await page.ClickAsync("#registry-search");
        var table = page.Locator("[data-testid=registry-table]");
        await Expect(table).ToContainTextAsync(ActiveCompany);
        await Expect(table).ToContainTextAsync("Vigente");
        await visitor.ScreenshotAsync("0-registry-search", fullPage: false);

        await table.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(ActiveCompany) }).ClickAsync();
        await Expect(page.Locator("[data-testid=verify-result]")).ToContainTextAsync("Vigente");
        await Expect(page.Locator("[data-testid=verify-signature]")).ToHaveAttributeAsync("data-valid", "true");
        var verifyUrl = page.Url;
        await visitor.ScreenshotAsync("1-verify-active", fullPage: false);

        var (bodyId, distinctiveId) = await app.WithDbAsync(async db =>
        {
            var d = await db.Distinctives.Where(x => x.LegalName.StartsWith(ActiveCompany)).Select(x => new { x.CertifyingBodyId, x.Id }).SingleAsync();
            return (d.CertifyingBodyId, d.Id);
        });
        var key = await app.EnrolAuthenticatorAsync(ProgramAdmin);
        await using var admin = await browser.NewSessionAsync(app.BaseUrl, output);
        await admin.SignInAsync(ProgramAdmin, DemoPassword, key);
        await admin.GotoAsync($"organismos/{bodyId}/distintivos?id={distinctiveId}");
        await admin.Page.FillAsync("#lifecycle-reason", "Incumplimiento grave confirmado por la inspección.");
        await admin.Page.ClickAsync("#lifecycle-revoke");
        await Expect(admin.Page.Locator(".modal.show")).ToContainTextAsync("definitivo");
        await admin.Page.ClickAsync("#lifecycle-revoke-confirm");
        await Expect(admin.Page.Locator("[data-testid=lifecycle-message]")).ToBeVisibleAsync();
        await admin.ScreenshotAsync("2-admin-revoked", fullPage: false);

        await page.GotoAsync(verifyUrl);
        var result = page.Locator("[data-testid=verify-result]");
        await Expect(result).ToContainTextAsync("Revocado");
        var today = Certify.Web.Infrastructure.DisplayDates.Long(DateTimeOffset.UtcNow, CultureInfo.GetCultureInfo("es-MX"));
        await Expect(page.Locator("[data-testid=verify-status-detail]")).ToContainTextAsync(today);
        await Expect(page.Locator("[data-testid=verify-status-detail]")).ToContainTextAsync("Incumplimiento grave");
        await visitor.ScreenshotAsync("3-verify-revoked", fullPage: false);
        Assert.NotNull(await app.WithDbAsync(db => db.Distinctives.Where(d => d.Id == distinctiveId).Select(d => d.RevokedAt).SingleAsync()));
    }
}
