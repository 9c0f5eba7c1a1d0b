using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Certify.EndToEnd.Tests;

/// <summary>
/// A worker on a phone opens the verification page a QR code points to, reports a situation, keeps the receipt code;
/// the program admin acknowledges it, asks the worker a question and asks the company (in the body's words) for a
/// document; the company answers without ever seeing the concern; the worker reads the question with the code and
/// answers; the admin closes the concern with a reason the worker then reads.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class WorkerVoiceJourneyTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    private const string ProgramAdmin = "programa@capb.demo";
    private const string DemoPassword = "Bajio.Proveedores.2026";
    private const string CompanyOwner = "rh@forjas-leon.demo";

    [BrowserFact]
    public async Task Worker_ReportsFromThePhone_BodyAsks_WorkerAnswers_BodyCloses()
    {
        var (code, bodyId, companyId) = await app.WithDbAsync(async db =>
        {
            var d = await db.Distinctives.Where(x => x.LegalName.StartsWith("Forjas de León")).OrderBy(x => x.Id)
                .Select(x => new { x.VerificationCode, x.CertifyingBodyId, x.CompanyId }).FirstAsync();
            return (d.VerificationCode, d.CertifyingBodyId, d.CompanyId);
        });

        await using var worker = await browser.NewSessionAsync(app.BaseUrl, output);
        var phone = worker.Page;
        await phone.SetViewportSizeAsync(390, 844);
        await worker.GotoAsync($"verificar/{code}");
        await Expect(phone.Locator("[data-testid=verify-report]")).ToContainTextAsync("¿Trabajas aquí?");
        await worker.ScreenshotAsync("0-verify-phone");
        await phone.ClickAsync("#report-concern");
        await Expect(phone.Locator("[data-testid=concern-who-reads]")).ToContainTextAsync("nunca");
        await phone.CheckAsync("#topic-UnionFreedom");
        await phone.FillAsync("#concern-what", "Nos pidieron firmar un papel para salirnos del sindicato si queremos el bono de fin de año.");
        await phone.FillAsync("#concern-since", "desde noviembre");
        await phone.CheckAsync("#ongoing-yes");
        await worker.ScreenshotAsync("1-report-form-phone");
        await phone.ClickAsync("#concern-send");
        var receipt = await phone.Locator("[data-testid=receipt-code]").InputValueAsync();
        Assert.Matches("^[0-9A-Z]{6}(-[0-9A-Z]{4}){5}$", receipt);
        await worker.ScreenshotAsync("2-receipt-phone");

        var concernId = await app.WithDbAsync(db => db.Concerns.Where(c => c.LookupId == receipt.Substring(0, 6)).Select(c => c.Id).SingleAsync());
        var key = await app.EnrolAuthenticatorAsync(ProgramAdmin);
        await using var admin = await browser.NewSessionAsync(app.BaseUrl, output);
        await admin.SignInAsync(ProgramAdmin, DemoPassword, key);
        await admin.GotoAsync($"organismos/{bodyId}/inquietudes");
        await Expect(admin.Page.Locator($"[data-concern='{concernId}']")).ToContainTextAsync("Nuevo");
        await admin.ScreenshotAsync("3-inbox");
        await admin.GotoAsync($"organismos/{bodyId}/inquietudes/{concernId}");
        await Expect(admin.Page.Locator("[data-testid=concern-what]")).ToContainTextAsync("salirnos del sindicato");
        await admin.Page.ClickAsync("#concern-acknowledge");
        await Expect(admin.Page.Locator("[data-testid=concern-outcome]")).ToContainTextAsync("Acusaste recibo");
        await admin.Page.FillAsync("#concern-text", "Gracias por avisar. ¿En qué área ocurre y quién lo pidió (puesto, no nombre)?");
        await admin.Page.ClickAsync("#concern-reply");
        await Expect(admin.Page.Locator("[data-testid=concern-messages]")).ToContainTextAsync("¿En qué área ocurre");
        await admin.Page.FillAsync("#follow-up-text", "Envía el documento que firman quienes reciben el bono de fin de año y su política de afiliación.");
        await admin.Page.ClickAsync("#concern-follow-up");
        await Expect(admin.Page.Locator("[data-testid=concern-requests]")).ToContainTextAsync("Esperando respuesta");
        await admin.ScreenshotAsync("4-concern-detail");

        // The company answers the body's request, which never mentions the concern.
        await using var company = await browser.NewSessionAsync(app.BaseUrl, output);
        await company.SignInAsync(CompanyOwner, DemoPassword);
        await company.GotoAsync($"empresas/{companyId}/distintivos");
        await company.Page.ClickAsync("#body-requests");
        var request = company.Page.Locator("[data-request]").First;
        await Expect(request).ToContainTextAsync("bono de fin de año");
        await Expect(company.Page.Locator("main")).Not.ToContainTextAsync("salirnos del sindicato");
        await company.ScreenshotAsync("4b-company-request");
        await request.Locator("textarea").FillAsync("No existe tal documento; adjuntamos la política de afiliación vigente.");
        await request.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "politica-afiliacion.pdf", MimeType = "application/pdf", Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% politica\n%%EOF\n"),
        });
        await request.Locator("button[type=submit]").ClickAsync();
        await Expect(company.Page.Locator("[data-testid=followup-request-outcome]")).ToBeVisibleAsync();
        await company.ScreenshotAsync("4c-company-answered");

        await worker.GotoAsync("seguimiento");
        await phone.FillAsync("#followup-code", receipt.ToLowerInvariant());
        await phone.ClickAsync("#followup-open");
        await Expect(phone.Locator("[data-testid=followup-status]")).ToContainTextAsync("Recibido");
        await Expect(phone.Locator("[data-testid=concern-messages]")).ToContainTextAsync("¿En qué área ocurre");
        await phone.FillAsync("#followup-reply", "En pintura, lo pidió el supervisor del turno nocturno.");
        await phone.ClickAsync("#followup-send");
        await Expect(phone.Locator("[data-testid=followup-replied]")).ToBeVisibleAsync();
        await worker.ScreenshotAsync("5-followup-phone");

        await admin.GotoAsync($"organismos/{bodyId}/inquietudes/{concernId}");
        await Expect(admin.Page.Locator("[data-testid=concern-messages]")).ToContainTextAsync("supervisor del turno nocturno");
        await Expect(admin.Page.Locator("[data-testid=request-answer]")).ToContainTextAsync("política de afiliación vigente");
        await Expect(admin.Page.Locator("[data-testid=request-answer] [data-testid=followup-files]")).ToContainTextAsync("politica-afiliacion.pdf");
        await admin.Page.FillAsync("#concern-text", "Revisamos el caso con una visita de seguimiento a la empresa y se retiró el documento.");
        await admin.Page.ClickAsync("#concern-close");
        await Expect(admin.Page.Locator("[data-testid=concern-outcome]")).ToContainTextAsync("Cerraste");
        await admin.ScreenshotAsync("6-concern-closed");

        await worker.GotoAsync("seguimiento");
        await phone.FillAsync("#followup-code", receipt);
        await phone.ClickAsync("#followup-open");
        await Expect(phone.Locator("[data-testid=followup-status]")).ToContainTextAsync("Cerrado");
        await Expect(phone.Locator("[data-testid=followup-close-reason]")).ToContainTextAsync("se retiró el documento");
        await worker.ScreenshotAsync("7-closed-phone");
    }
}
