using System.Text;
using System.Text.RegularExpressions;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Buyers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Certify.EndToEnd.Tests;

/// <summary>
/// A buyer uploads a list of 20 RFCs (some invalid, some already on the list) and sees its suppliers' statuses; a
/// program admin suspends one supplier's distinctive; the buyer sees the alert under the bell and the new status —
/// at desk and phone widths, axe on every page.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class BuyerJourneyTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    private const string Buyer = "compras@armadora.demo";
    private const string ProgramAdmin = "programa@capb.demo";
    private const string DemoPassword = "Bajio.Proveedores.2026";
    private const string Supplier = "TNO160822BK0";

    [BrowserFact]
    public async Task Buyer_UploadsTwentyRfcs_AdminSuspendsASupplier_BuyerSeesTheAlert()
    {
        var (bodyId, distinctiveId) = await ActiveDistinctiveOfTheSupplierAsync();
        await using var buyer = await browser.NewSessionAsync(app.BaseUrl, output);
        var page = buyer.Page;
        await buyer.SignInAsync(Buyer, DemoPassword);
        await buyer.GotoAsync("inicio");
        await Expect(page).ToHaveURLAsync(new Regex("/compradores/\\d+$"));
        await buyer.ScreenshotAsync("0-list");

        await page.Locator("#watch-file").SetInputFilesAsync(new FilePayload
        {
            Name = "proveedores.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(TwentyRows()),
        });
        await page.ClickAsync("#watch-add-submit");
        await Expect(page.Locator("[data-testid=watch-outcome]")).ToContainTextAsync("Se agregaron 10 proveedores");
        await Expect(page.Locator("[data-testid=watch-invalid] li")).ToHaveCountAsync(4);
        var row = page.Locator($"tr[data-rfc='{Supplier}']");
        await Expect(row.Locator("[data-testid=watch-status]")).ToContainTextAsync("Vigente");
        await buyer.ScreenshotAsync("1-uploaded");

        var key = await app.EnrolAuthenticatorAsync(ProgramAdmin);
        await using var admin = await browser.NewSessionAsync(app.BaseUrl, output);
        await admin.SignInAsync(ProgramAdmin, DemoPassword, key);
        await admin.GotoAsync($"organismos/{bodyId}/distintivos?id={distinctiveId}");
        await admin.Page.FillAsync("#lifecycle-reason", "Revisión de seguimiento por una inquietud de trabajadores.");
        await admin.Page.ClickAsync("#lifecycle-suspend");
        await admin.Page.ClickAsync("#lifecycle-suspend-confirm");
        await Expect(admin.Page.Locator("[data-testid=lifecycle-message]")).ToBeVisibleAsync();

        // The buyer-alerts job runs every minute; run it now instead of waiting.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BuyerAlertJob>().RunAsync(CancellationToken.None);
        }

        await buyer.GotoAsync(page.Url[app.BaseUrl.Length..]);
        await Expect(row.Locator("[data-testid=watch-status]")).ToContainTextAsync("Suspendido");
        await page.ClickAsync("#notification-bell");
        await Expect(page.Locator("[data-testid=bell-items]")).ToContainTextAsync("Distintivo de proveedor suspendido");
        await buyer.ScreenshotAsync("2-alert", fullPage: false);

        await page.SetViewportSizeAsync(390, 844);
        await buyer.GotoAsync(page.Url[app.BaseUrl.Length..]);
        await buyer.ScreenshotAsync("3-list-phone");
        await page.ClickAsync("#integrations-link");
        await Expect(page.Locator("[data-testid=api-keys]")).ToBeVisibleAsync();
        await buyer.ScreenshotAsync("4-integrations-phone");
        await buyer.GotoAsync(page.Url[app.BaseUrl.Length..].Replace("/integraciones", "/equipo", StringComparison.Ordinal));
        await Expect(page.Locator("main")).ToContainTextAsync("Carlos Compras");
        await buyer.ScreenshotAsync("5-team-phone");
        await buyer.GotoAsync("compradores/registrar");
        await Expect(page.Locator("#buyer-name")).ToBeVisibleAsync();
        await buyer.ScreenshotAsync("6-register-phone");
    }

    /// <summary>A fresh active distinctive of the supplier (other journeys revoke the demo's), issued now, so it is the latest.</summary>
    private Task<(int BodyId, long DistinctiveId)> ActiveDistinctiveOfTheSupplierAsync() => app.WithDbAsync(async db =>
    {
        var company = await db.Companies.SingleAsync(c => c.Rfc == Supplier);
        var program = await db.Programs.SingleAsync(p => p.Code == "DRL-AUTO");
        var now = DateTimeOffset.UtcNow;
        var assessment = new Assessment
        {
            CompanyId = company.Id, ProgramId = program.Id, QuestionnaireVersionId = program.QuestionnaireVersionId, State = AssessmentState.Approved,
            CreatedAt = now, CreatedByUserId = "journey", Version = Guid.NewGuid(),
        };
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync();
        var sequence = await db.Distinctives.Where(d => d.CertifyingBodyId == program.CertifyingBodyId).MaxAsync(d => d.StatusListIndex) + 1;
        var distinctive = new Distinctive
        {
            AssessmentId = assessment.Id, CompanyId = company.Id, ProgramId = program.Id, CertifyingBodyId = program.CertifyingBodyId,
            Number = $"DRL-AUTO-2026-{90000 + sequence}", Year = 2026, Sequence = 90000 + sequence, VerificationCode = VerificationCode.Generate().Value,
            LegalName = company.LegalName, Rfc = company.Rfc, State = company.State, LevelCode = "A", Score = 95, Topics = "SUB,LIB,IGU",
            IssuedAt = now, ValidFrom = now.AddDays(-1), ValidUntil = now.AddYears(2), StatusListIndex = sequence,
            CredentialJwt = "journey", SigningKeyId = "journey", Version = Guid.NewGuid(),
        };
        db.Distinctives.Add(distinctive);
        await db.SaveChangesAsync();
        return (program.CertifyingBodyId, distinctive.Id);
    });

    /// <summary>
    /// A header, five demo suppliers the buyer already watches (one of them twice, in lower case), ten new valid RFCs and four invalid rows:
    /// 20 RFC rows in all.
    /// </summary>
    private static string TwentyRows()
    {
        var rows = new List<string> { "RFC", "FLE120415H33", "TNO160822BK0", "EQA190301MN4", "CMS110705TR4", "ABD150310K49", "tno160822bk0" };
        rows.AddRange(Enumerable.Range(1, 10).Select(i => AppFixture.ValidRfc($"JRN{i:D2}0101AB")));
        rows.AddRange(["NO-ES-RFC", "ABC", "XAXX010101000", "ABD151310K49"]);
        return string.Join('\n', rows) + "\n";
    }
}
