using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Certify.EndToEnd.Tests;

/// <summary>
/// A worker on a phone opens the verification page a QR code points to, reports a situation, keeps the receipt code;
/// the program admin acknowledges it, asks the worker a question, gives the concern to the auditor and opens a
/// follow-up review of the distinctive on a named question (in the body's words); the company answers it in its
/// assessment and resubmits, without ever seeing the concern; the submission reaches the auditor's review, who
/// closes the follow-up review; the worker reads the body's question with the code and answers; the admin closes the
/// concern with a reason the worker then reads. The company is one of the journey's own, so no other journey's
/// revocation or renewal gets in the way.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class WorkerVoiceJourneyTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    private const string ProgramAdmin = "programa@capb.demo";
    private const string DemoPassword = "Bajio.Proveedores.2026";
    private const string Auditor = "auditora@capb.demo";
    private const string CompanyOwner = "rh@resortes-voz.e2e.example";
    private const string Question = "LIB-06";

    [BrowserFact]
    public async Task Worker_ReportsFromThePhone_BodyAsks_WorkerAnswers_BodyCloses()
    {
        var company = await app.IssuedCompanyAsync("Resortes Voz Obrera, S.A. de C.V.", AppFixture.ValidRfc("RVO200101AB"), CompanyOwner, DemoPassword);
        var (code, companyId, assessmentId) = (company.VerificationCode, company.CompanyId, company.AssessmentId);
        var bodyId = await app.WithDbAsync(db => db.Distinctives.Where(d => d.AssessmentId == assessmentId).Select(d => d.CertifyingBodyId).SingleAsync());

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
        await admin.ScreenshotAsync("3b-concern-follow-up-form");
        await admin.Page.SetViewportSizeAsync(390, 844);
        await admin.Page.Locator("[data-testid=concern-follow-ups]").ScrollIntoViewIfNeededAsync();
        await admin.ScreenshotAsync("3c-concern-follow-up-form-phone", fullPage: false);
        await admin.Page.SetViewportSizeAsync(1280, 900);
        await admin.Page.ClickAsync("#concern-assign");
        await Expect(admin.Page.Locator("[data-testid=concern-outcome]")).ToBeVisibleAsync();
        await admin.Page.SelectOptionAsync("#follow-up-question-0", Question);
        await admin.Page.FillAsync("#follow-up-text-0", "Envía tu política de no intervención en asuntos sindicales firmada y la constancia de su difusión al personal.");
        await admin.Page.ClickAsync("#concern-follow-up");
        await Expect(admin.Page.Locator("[data-testid=concern-outcome]")).ToContainTextAsync("Abriste la revisión de seguimiento");
        await Expect(admin.Page.Locator("[data-testid=follow-up-stage]")).ToContainTextAsync("Esperando a la empresa");
        await admin.ScreenshotAsync("4-concern-detail");

        // The company sees the body's follow-up review on its assessment, never the concern, adds the evidence and resubmits.
        await using var owner = await browser.NewSessionAsync(app.BaseUrl, output);
        await owner.SignInAsync(CompanyOwner, DemoPassword);
        await owner.GotoAsync($"empresas/{companyId}/evaluaciones/{assessmentId}");
        await owner.WaitForBlazorAsync();
        var companyPage = owner.Page;
        await Expect(companyPage.Locator("[data-testid=follow-up-title]")).ToContainTextAsync("Revisión de seguimiento");
        await Expect(companyPage.Locator("#changes-banner")).ToContainTextAsync(Question);
        await Expect(companyPage.Locator("main")).Not.ToContainTextAsync("salirnos del sindicato");
        await companyPage.ClickAsync("#tab-LIB");
        await Expect(companyPage.Locator($"#q-{Question}")).ToContainTextAsync("política de no intervención en asuntos sindicales firmada");
        await companyPage.Locator($"#evidence-{Question}").SetWhenReadyAsync(new FilePayload
        {
            Name = "politica-no-intervencion.pdf", MimeType = "application/pdf", Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% politica\n%%EOF\n"),
        });
        await Expect(companyPage.Locator($"[data-testid=evidence-list-{Question}]")).ToContainTextAsync("politica-no-intervencion.pdf");
        await owner.ScreenshotAsync("4b-company-follow-up", fullPage: false);
        await companyPage.SetViewportSizeAsync(390, 844);
        await companyPage.Locator("#changes-banner").ScrollIntoViewIfNeededAsync();
        await owner.ScreenshotAsync("4b-company-follow-up-phone", fullPage: false);
        await companyPage.SetViewportSizeAsync(1280, 900);
        await companyPage.ClickAsync("#submit-assessment");
        await companyPage.ClickAsync("#confirm-submit-yes");
        await Expect(companyPage.Locator("#submit-success")).ToBeVisibleAsync();
        await Expect(companyPage.Locator("main")).Not.ToContainTextAsync("salirnos del sindicato");
        await owner.ScreenshotAsync("4c-company-resubmitted", fullPage: false);

        // The app's own jobs route the answer to the concern's auditor, who closes the follow-up review.
        await AppFixture.WaitForAsync(() => app.WithDbAsync(db => db.Reviews.AnyAsync(r => r.AssessmentId == assessmentId && r.SubmissionNumber == 2 && r.Auditor!.Email == Auditor)));
        var auditorKey = await app.EnrolAuthenticatorAsync(Auditor);
        await using var auditor = await browser.NewSessionAsync(app.BaseUrl, output);
        await auditor.SignInAsync(Auditor, DemoPassword, auditorKey);
        await auditor.GotoAsync($"organismos/{bodyId}/revisiones");
        await Expect(auditor.Page.Locator($"tr[data-assessment='{assessmentId}'] [data-testid=follow-up-tag]")).ToContainTextAsync("Seguimiento");
        await auditor.ScreenshotAsync("4c2-queue-follow-up", fullPage: false);
        await auditor.GotoAsync($"revisiones/{assessmentId}");
        await auditor.WaitForBlazorAsync();
        var review = auditor.Page;
        await Expect(review.Locator("#follow-up-banner")).ToContainTextAsync("Revisión de seguimiento");
        await Expect(review.Locator("[data-testid=follow-up-no-reject]")).ToBeVisibleAsync();
        await review.ClickAsync("#tab-LIB");
        await Expect(review.Locator($"#q-{Question} .evidence-viewer")).ToContainTextAsync("politica-no-intervencion.pdf");
        await review.Locator($"label[for=v-{Question}-Conformity]").ClickAsync();
        await review.ClickAsync($"#save-{Question}");
        await Expect(review.Locator($"[data-testid=verdict-status-{Question}]")).ToContainTextAsync("Veredicto guardado");
        await review.ClickAsync("#mark-remaining");
        await review.ClickAsync("#confirm-mark-remaining");
        await Expect(review.Locator("#approve")).ToContainTextAsync("Cerrar la revisión de seguimiento");
        await auditor.ScreenshotAsync("4d-follow-up-review", fullPage: false);
        await review.Locator("[data-testid=follow-up-no-reject]").ScrollIntoViewIfNeededAsync();
        await auditor.ScreenshotAsync("4d2-follow-up-decision", fullPage: false);
        await review.SetViewportSizeAsync(390, 844);
        await review.Locator("#follow-up-banner").ScrollIntoViewIfNeededAsync();
        await auditor.ScreenshotAsync("4d-follow-up-review-phone", fullPage: false);
        await review.SetViewportSizeAsync(1280, 900);
        await review.ClickAsync("#approve");
        await review.ClickAsync("#confirm-approve");
        await Expect(review.Locator("#review-message")).ToContainTextAsync("Cerraste la revisión de seguimiento");
        Assert.Equal(Certify.Domain.Assessments.AssessmentState.Issued,
            await app.WithDbAsync(db => db.Assessments.Where(a => a.Id == assessmentId).Select(a => a.State).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Distinctives.CountAsync(d => d.AssessmentId == assessmentId)));

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
        await Expect(admin.Page.Locator("[data-testid=follow-up-stage]")).ToContainTextAsync("Cerrada");
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
