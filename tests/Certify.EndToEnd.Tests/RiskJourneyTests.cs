using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Certify.EndToEnd.Tests;

/// <summary>
/// The program admin opens the follow-up priority from the body's page, reads why the top company is there, looks at
/// the model page, draws a follow-up sample with a seed and downloads it — at desk and phone widths, axe on every page.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RiskJourneyTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    private const string ProgramAdmin = "programa@capb.demo";
    private const string DemoPassword = "Bajio.Proveedores.2026";

    [BrowserFact]
    public async Task ProgramAdmin_ReadsTheRanking_DrawsASample_DownloadsIt()
    {
        var bodyId = await app.WithDbAsync(db => db.CertifyingBodies.Where(b => b.Slug == "capb-demo").Select(b => b.Id).SingleAsync());
        var key = await app.EnrolAuthenticatorAsync(ProgramAdmin);
        await using var session = await browser.NewSessionAsync(app.BaseUrl, output);
        var page = session.Page;
        await session.SignInAsync(ProgramAdmin, DemoPassword, key);

        await session.GotoAsync($"organismos/{bodyId}");
        await page.ClickAsync("#risk-link");
        await Expect(page).ToHaveURLAsync(new Regex($"/organismos/{bodyId}/riesgo$"));
        await Expect(page.Locator("[data-testid=risk-purpose]")).ToContainTextAsync("no es un hallazgo", new() { IgnoreCase = true });
        var top = page.Locator("[data-testid=risk-ranking] > tbody > tr").First;
        await Expect(top.Locator("[data-band]")).ToBeVisibleAsync();
        await Expect(top.Locator("[data-testid=risk-reasons] li").First).ToBeVisibleAsync();
        await Expect(top).ToContainTextAsync("versión");
        await session.ScreenshotAsync("0-ranking");

        await page.ClickAsync($"a[href='organismos/{bodyId}/riesgo/modelo']");
        await Expect(page.Locator("[data-testid=risk-model-version]").First).ToContainTextAsync("versión");
        await Expect(page.Locator("[data-testid=risk-by-size]")).ToBeVisibleAsync();
        await session.ScreenshotAsync("1-model");

        await session.GotoAsync($"organismos/{bodyId}/riesgo");
        await page.FillAsync("#sample-count", "2");
        await page.FillAsync("#sample-seed", "20261204");
        await page.ClickAsync("#sample-draw");
        await Expect(page).ToHaveURLAsync(new Regex($"/organismos/{bodyId}/riesgo/muestras/\\d+$"));
        await Expect(page.Locator("[data-testid=sample-seed]")).ToHaveTextAsync("20261204");
        await Expect(page.Locator("[data-testid=sample-items] tbody tr")).ToHaveCountAsync(2);
        await session.ScreenshotAsync("2-sample");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[data-export='csv']"));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("20261204", csv, StringComparison.Ordinal);
        Assert.Equal(3, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        await page.SetViewportSizeAsync(390, 844);
        await session.ScreenshotAsync("3-sample-phone");
        await session.GotoAsync($"organismos/{bodyId}/riesgo");
        await Expect(page.Locator("[data-testid=risk-samples]")).ToContainTextAsync("20261204");
        await session.ScreenshotAsync("4-ranking-phone");
    }
}
