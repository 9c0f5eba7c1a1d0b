using System.Text.RegularExpressions;
using Certify.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace Certify.EndToEnd.Tests;

/// <summary>
/// The HR owner of Forjas de León (whose demo assessments were approved and issued) downloads an assessment report
/// from the summary page; the file is a PDF that names the company.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReportJourneyTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    private const string ForjasOwner = "rh@forjas-leon.demo";
    private const string DemoPassword = "Bajio.Proveedores.2026";

    [BrowserFact]
    public async Task CompanyOwner_DownloadsTheAssessmentReportPdf()
    {
        var (companyId, assessmentId, legalName) = await ForjasAssessmentAsync();
        await using var session = await browser.NewSessionAsync(app.BaseUrl, output);
        var page = session.Page;
        await session.GotoAsync("Account/Login");
        await page.FillAsync("#Input\\.Email", ForjasOwner);
        await page.FillAsync("#Input\\.Password", DemoPassword);
        await page.ClickAsync("#login-submit");
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/"));

        await session.GotoAsync($"empresas/{companyId}/evaluaciones");
        await Expect(page.Locator($"#report-{assessmentId}")).ToBeVisibleAsync();
        await session.ScreenshotAsync("0-assessments-list");
        await session.GotoAsync($"empresas/{companyId}/evaluaciones/{assessmentId}/resumen");
        var button = page.Locator("#download-report");
        await Expect(button).ToHaveTextAsync("Descargar reporte PDF");
        await session.ScreenshotAsync("1-summary-with-button", fullPage: false);

        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());

        Assert.Equal($"certify-reporte-{assessmentId}.pdf", download.SuggestedFilename);
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains(legalName, text, StringComparison.Ordinal);
        Assert.Contains($"Página 1 de {pdf.NumberOfPages}", text, StringComparison.Ordinal);
    }

    private async Task<(int CompanyId, int AssessmentId, string LegalName)> ForjasAssessmentAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CertifyDbContext>>().CreateDbContextAsync();
        var row = await db.Assessments
            .Where(a => a.Company!.Members.Any(m => m.User!.Email == ForjasOwner))
            .OrderBy(a => a.Id)
            .Select(a => new { a.CompanyId, a.Id, a.Company!.LegalName })
            .FirstAsync();
        return (row.CompanyId, row.Id, row.LegalName);
    }
}
