using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Certify.EndToEnd.Tests;

/// <summary>
/// The program admin opens the body's dashboard from the body's page, sees the charts drawn and their tables, and
/// downloads the assessments as XLSX; the company owner sees its own dashboard.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DashboardJourneyTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    private const string ProgramAdmin = "programa@capb.demo";
    private const string ForjasOwner = "rh@forjas-leon.demo";
    private const string DemoPassword = "Bajio.Proveedores.2026";

    [BrowserFact]
    public async Task ProgramAdmin_OpensTheDashboardAndDownloadsTheAssessmentsXlsx()
    {
        var bodyId = await app.WithDbAsync(db => db.CertifyingBodies.Where(b => b.Slug == "capb-demo").Select(b => b.Id).SingleAsync());
        var key = await app.EnrolAuthenticatorAsync(ProgramAdmin);
        await using var session = await browser.NewSessionAsync(app.BaseUrl, output);
        var page = session.Page;
        await session.SignInAsync(ProgramAdmin, DemoPassword, key);

        await session.GotoAsync($"organismos/{bodyId}");
        await page.ClickAsync("#dashboard-link");
        await Expect(page).ToHaveURLAsync(new Regex($"/organismos/{bodyId}/tablero$"));
        await Expect(page.Locator("[data-testid=review-times]")).ToBeVisibleAsync();
        // Another journey on the same app revokes the demo's active distinctive; when it ran first, that chart has no data.
        var now = DateTimeOffset.UtcNow;
        var anyActive = await app.WithDbAsync(db => db.Distinctives.AnyAsync(d => d.RevokedAt == null && d.SuspendedAt == null && d.ValidFrom <= now && d.ValidUntil > now));
        foreach (var chart in anyActive ? new[] { "pipeline", "pass-rate", "active-by-state" } : ["pipeline", "pass-rate"])
        {
            // charts.js marks a canvas once Chart.js has drawn it.
            await Expect(page.Locator($"canvas#{chart}")).ToHaveAttributeAsync("data-drawn", new Regex("labels"));
        }

        await page.ClickAsync("[data-testid=chart-pipeline] summary");
        await Expect(page.Locator("table#pipeline-table")).ToBeVisibleAsync();
        await Expect(page.Locator("table#pipeline-table tbody tr")).ToHaveCountAsync(7);
        await session.ScreenshotAsync("0-dashboard");

        await page.ClickAsync("[data-testid=export-menu] button");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-menu] a[data-export='evaluaciones.xlsx']"));

        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        using var xlsx = ZipFile.OpenRead(await download.PathAsync());
        var sheet = xlsx.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
        using var reader = new StreamReader(sheet.Open());
        var xml = await reader.ReadToEndAsync();
        Assert.Matches(new Regex("<(\\w+:)?pane [^>]*state=\"frozen\""), xml);
        Assert.Matches(new Regex("<(\\w+:)?autoFilter "), xml);
        var strings = string.Concat(xlsx.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains("Forjas de León Demo", strings, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task CompanyOwner_SeesScoresByTopicAndWhatToDoNext()
    {
        var companyId = await app.WithDbAsync(db => db.CompanyMemberships.Where(m => m.User!.Email == ForjasOwner).Select(m => m.CompanyId).SingleAsync());
        await using var session = await browser.NewSessionAsync(app.BaseUrl, output);
        var page = session.Page;
        await session.SignInAsync(ForjasOwner, DemoPassword);

        await session.GotoAsync($"empresas/{companyId}");
        await Expect(page.Locator("canvas#topic-scores")).ToHaveAttributeAsync("data-drawn", new Regex("labels"));
        await Expect(page.Locator("[data-testid=next-steps] li").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=distinctives-summary]")).ToContainTextAsync("DRL-AUTO-");
        await session.ScreenshotAsync("1-company-dashboard");
    }
}
