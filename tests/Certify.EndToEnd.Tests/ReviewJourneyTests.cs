using System.Security.Claims;
using System.Text;
using Certify.Domain.Assessments;
using Certify.Web.Features.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Certify.EndToEnd.Tests;

/// <summary>
/// The review journey across two roles: the auditor asks for a change, the company fixes and resubmits, the auditor
/// approves with one minor finding, the company proposes a corrective action and the auditor closes it.
/// Plastimoldes' submission is arranged through the app's own services (answering 36 questions in the browser is
/// the assessment journey's job); routing to the demo auditor is the app's real Hangfire pipeline.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReviewJourneyTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    private const string Auditor = "auditora@capb.demo";
    private const string CompanyOwner = "rh@plastimoldes.demo";
    private const string CompanyRfc = "PMA180912R72";
    private const string DemoPassword = "Bajio.Proveedores.2026";
    private const string ChangedQuestion = "IGU-01";
    private const string MinorQuestion = "SUB-01";

    [BrowserFact]
    public async Task Review_RequestChangeResubmitApproveWithMinorFindingCloseCorrectiveAction()
    {
        var assessmentId = await SubmitCompliantAssessmentAsync();
        await AppFixture.WaitForAsync(() => RoutedToAuditorAsync(assessmentId, submission: 1));
        var authenticatorKey = await app.EnrolAuthenticatorAsync(Auditor);

        await using var auditor = await browser.NewSessionAsync(app.BaseUrl, output);
        await auditor.SignInAsync(Auditor, DemoPassword, authenticatorKey);
        await auditor.GotoAsync($"revisiones/{assessmentId}");
        await auditor.WaitForBlazorAsync();
        var page = auditor.Page;
        await Expect(page.Locator("[data-testid=review-progress]")).ToContainTextAsync("0 de");
        await Expect(page.Locator($"#q-{MinorQuestion} .evidence-viewer")).ToContainTextAsync(".pdf");
        await auditor.ScreenshotAsync("0-review-opened", fullPage: false);

        await RecordVerdictAsync(page, MinorQuestion, "Conformity", comment: null);
        await Expect(page.Locator("[data-testid=review-progress]")).ToContainTextAsync("1 de");

        await page.ClickAsync("#tab-IGU");
        await page.CheckAsync($"#m-{ChangedQuestion}");
        await page.FillAsync($"#mc-{ChangedQuestion}", "Adjunte la política firmada por la dirección.");
        await page.Locator($"#mc-{ChangedQuestion}").BlurAsync();
        await Expect(page.Locator("[data-testid=marked-count]")).ToContainTextAsync("1");
        await auditor.ScreenshotAsync("1-change-marked", fullPage: false);
        await page.ClickAsync("#request-changes");
        await page.ClickAsync("#confirm-request-changes");
        await Expect(page.Locator("#review-message")).ToContainTextAsync("Se pidieron los cambios");
        await Expect(page.Locator("[data-testid=decision-closed]")).ToBeVisibleAsync();
        await auditor.ScreenshotAsync("2-changes-requested", fullPage: false);

        Assert.Equal(AssessmentState.ChangesRequested, await StateAsync(assessmentId));

        // The company sees the request, can change only that answer, fixes it and resubmits.
        await using var company = await browser.NewSessionAsync(app.BaseUrl, output);
        await company.SignInAsync(CompanyOwner, DemoPassword);
        var companyId = await app.WithDbAsync(db => db.Companies.Where(c => c.Rfc == CompanyRfc).Select(c => c.Id).SingleAsync());
        await company.GotoAsync($"empresas/{companyId}/evaluaciones/{assessmentId}");
        await company.WaitForBlazorAsync();
        var companyPage = company.Page;
        await Expect(companyPage.Locator("#changes-banner")).ToContainTextAsync(ChangedQuestion);
        await companyPage.ClickAsync("#tab-IGU");
        await Expect(companyPage.Locator($"#q-{ChangedQuestion}")).ToContainTextAsync("Adjunte la política firmada");
        await Expect(companyPage.Locator("#q-IGU-02-yes")).ToBeDisabledAsync();
        await companyPage.Locator($"#evidence-{ChangedQuestion}").SetWhenReadyAsync(
            new FilePayload { Name = "politica-firmada.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n% firmada\n%%EOF\n") });
        await Expect(companyPage.Locator($"[data-testid=evidence-list-{ChangedQuestion}]")).ToContainTextAsync("politica-firmada.pdf");
        await company.ScreenshotAsync("3-company-fixes", fullPage: false);
        await companyPage.ClickAsync("#submit-assessment");
        await companyPage.ClickAsync("#confirm-submit-yes");
        await Expect(companyPage.Locator("#submit-success")).ToBeVisibleAsync();
        await AppFixture.WaitForAsync(() => RoutedToAuditorAsync(assessmentId, submission: 2));

        // Back to the same auditor: one minor finding with a due date, then approval.
        await auditor.GotoAsync($"revisiones/{assessmentId}");
        await auditor.WaitForBlazorAsync();
        await Expect(page.Locator($"#q-{MinorQuestion}")).ToBeVisibleAsync();
        await RecordVerdictAsync(page, MinorQuestion, "Minor", "Falta la firma del representante legal en el contrato.",
            DateOnly.FromDateTime(DateTime.Today).AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-testid=count-Minor]")).ToHaveTextAsync("1");
        await Expect(page.Locator("#approve")).ToBeDisabledAsync();
        await page.ClickAsync("#mark-remaining");
        await page.ClickAsync("#confirm-mark-remaining");
        await Expect(page.Locator("#approve")).ToBeEnabledAsync();
        await page.ClickAsync("#approve");
        await page.ClickAsync("#confirm-approve");
        await Expect(page.Locator("#review-message")).ToContainTextAsync("aprobada");
        await auditor.ScreenshotAsync("4-approved", fullPage: false);

        // The app's Hangfire server runs the issuance job at once, so the approval may already be Issued.
        Assert.Contains(await StateAsync(assessmentId), new[] { AssessmentState.Approved, AssessmentState.Issued });

        // The company answers the finding with a corrective action.
        var findingId = await app.WithDbAsync(db => db.Findings.Where(f => f.AssessmentId == assessmentId && f.QuestionCode == MinorQuestion)
            .OrderByDescending(f => f.ReviewId).Select(f => f.Id).FirstAsync());
        await company.GotoAsync($"empresas/{companyId}/evaluaciones/{assessmentId}/acciones");
        await company.WaitForBlazorAsync();
        await Expect(companyPage.Locator($"[data-testid=corrective-{MinorQuestion}]")).ToContainTextAsync("Falta la firma");
        await companyPage.FillAsync($"#action-{findingId}", "El representante legal firmó el contrato el 20 de noviembre; se adjunta.");
        await companyPage.ClickAsync($"#propose-{findingId}");
        await Expect(companyPage.Locator($"[data-testid=corrective-{MinorQuestion}]")).ToContainTextAsync("Acción propuesta");
        await company.ScreenshotAsync("5-action-proposed", fullPage: false);

        // The auditor accepts it and closes the finding.
        await auditor.GotoAsync($"revisiones/{assessmentId}");
        await auditor.WaitForBlazorAsync();
        await Expect(page.Locator($"[data-testid=action-{MinorQuestion}]")).ToContainTextAsync("firmó el contrato");
        await page.ClickAsync($"#close-{MinorQuestion}");
        await Expect(page.Locator("#review-message")).ToContainTextAsync("Hallazgo cerrado");
        await auditor.ScreenshotAsync("6-finding-closed", fullPage: false);
        Assert.Equal(Certify.Domain.Reviews.FindingStatus.Closed, await app.WithDbAsync(db => db.Findings.Where(f => f.Id == findingId).Select(f => f.Status).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == "FindingClosed" && db.Users.Any(u => u.Id == n.UserId && u.Email == CompanyOwner))));
    }

    private static async Task RecordVerdictAsync(IPage page, string code, string verdict, string? comment, string? dueOn = null)
    {
        await page.Locator($"label[for=v-{code}-{verdict}]").ClickAsync();
        if (comment is not null)
        {
            await page.FillAsync($"#c-{code}", comment);
        }

        if (dueOn is not null)
        {
            await page.FillAsync($"#d-{code}", dueOn);
        }

        await page.ClickAsync($"#save-{code}");
        await Expect(page.Locator($"[data-testid=verdict-status-{code}]")).ToContainTextAsync("Veredicto guardado");
    }

    /// <summary>Plastimoldes' DRL-AUTO assessment answered fully compliant, with a PDF wherever evidence is asked, and submitted.</summary>
    private async Task<int> SubmitCompliantAssessmentAsync()
    {
        var companyId = await app.WithDbAsync(db => db.Companies.Where(c => c.Rfc == CompanyRfc).Select(c => c.Id).SingleAsync());
        var id = await app.AnswerCompliantlyAsync(companyId, CompanyOwner, MinorQuestion);
        await using var scope = app.Services.CreateAsyncScope();
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == CompanyOwner).Select(u => u.Id).SingleAsync());
        var owner = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, CompanyOwner)], "e2e"));
        var submitted = await scope.ServiceProvider.GetRequiredService<AssessmentService>().SubmitAsync(companyId, id, owner, CancellationToken.None);
        Assert.Equal(SubmitOutcome.Submitted, submitted.Outcome);
        return id;
    }

    private Task<bool> RoutedToAuditorAsync(int assessmentId, int submission) => app.WithDbAsync(db =>
        db.Reviews.AnyAsync(r => r.AssessmentId == assessmentId && r.SubmissionNumber == submission && r.Auditor!.Email == Auditor));

    private Task<AssessmentState> StateAsync(int assessmentId) =>
        app.WithDbAsync(db => db.Assessments.Where(a => a.Id == assessmentId).Select(a => a.State).SingleAsync());
}
