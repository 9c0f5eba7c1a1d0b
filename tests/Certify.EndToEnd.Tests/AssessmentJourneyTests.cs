using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Certify.Data;
using Certify.Domain.Questionnaires;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Certify.EndToEnd.Tests;

[Collection(AppCollection.Name)]
public sealed partial class AssessmentJourneyTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    private const string DemoHrOwner = "rh@autopartes-bajio.demo";
    private const string DemoPassword = "Bajio.Proveedores.2026";
    private const string OtherCompanyOwner = "rh@plastimoldes.demo";
    private const string AutopartesRfc = "ABD150310K49";
    private const string PlastiMoldesRfc = "PMA180912R72";

    private static readonly byte[] SmallPdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        + "trailer << /Root 1 0 R >>\n%%EOF\n");

    [BrowserFact]
    public async Task Assessment_AllAnsweredCompliantWithEvidence_SubmitsAndFreezes()
    {
        var questionnaire = LoadQuestionnaire();
        await using var session = await browser.NewSessionAsync(app.BaseUrl, output);
        var page = session.Page;

        await SignInAsync(session, DemoHrOwner);

        await page.ClickAsync("#my-assessments");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mis evaluaciones" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("0-my-assessments");
        await page.ClickAsync("#start-DRL-AUTO");
        await Expect(page).ToHaveURLAsync(AssessmentUrl());
        await session.WaitForBlazorAsync();

        var answers = new Dictionary<string, AnswerValue>(StringComparer.Ordinal);
        await AnswerSectionAsync(page, questionnaire, "SUB", answers);
        await Expect(page.Locator("[data-testid=tab-progress-SUB]")).ToHaveTextAsync("11 de 11 respondidas");
        await session.ScreenshotAsync("1-section-sub");
        await page.FocusAsync("#tab-SUB");
        await page.Keyboard.PressAsync("ArrowRight");
        var secondTab = page.Locator("[role=tab]").Nth(1);
        await Expect(secondTab).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(secondTab).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(page.Locator("#tab-SUB")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#tab-SUB")).ToBeFocusedAsync();

        await page.ReloadAsync();
        await session.WaitForBlazorAsync();
        await Expect(page.Locator("#q-SUB-01-no")).ToBeEnabledAsync();
        await Expect(page.Locator("#q-SUB-01-no")).ToBeCheckedAsync();
        await Expect(page.Locator("[data-testid=save-status-SUB-01]")).ToContainTextAsync("Guardado");
        await Expect(page.Locator("[data-testid=evidence-list-SUB-01]")).ToContainTextAsync("evidencia.pdf");
        await session.ScreenshotAsync("2-after-reload");

        await page.ClickAsync("#submit-assessment");
        var missing = page.Locator("#missing-list");
        await Expect(missing).ToContainTextAsync("LIB-01");
        await Expect(missing).ToContainTextAsync("Falta respuesta");
        await Expect(missing).Not.ToContainTextAsync("SUB-");
        await Expect(page.Locator("#missing-title")).ToBeFocusedAsync();
        await session.ScreenshotAsync("3-missing-list");
        await missing.GetByRole(AriaRole.Link, new() { Name = "LIB-01", Exact = true }).ClickAsync();
        await Expect(page.Locator("#tab-LIB")).ToHaveClassAsync(ActiveTab());
        await Expect(page.Locator("#q-LIB-01")).ToBeFocusedAsync();

        await AnswerSectionAsync(page, questionnaire, "LIB", answers);
        await Expect(page.Locator("#q-LIB-12")).ToHaveCountAsync(0);
        await AnswerSectionAsync(page, questionnaire, "IGU", answers);
        await Expect(page.Locator("[data-testid=overall-progress]")).ToHaveTextAsync(
            $"{answers.Count} de {answers.Count} respondidas");
        await Expect(page.Locator("[data-testid=score-overall]")).ToHaveTextAsync("100");
        await Expect(page.Locator("[data-testid=critical-failures]")).ToHaveCountAsync(0);

        await page.ClickAsync("#submit-assessment");
        await Expect(page.Locator("#missing-list")).ToHaveCountAsync(0);
        await Expect(page.Locator("#confirm-submit")).ToBeVisibleAsync();
        await session.ScreenshotAsync("4-confirm");
        await page.ClickAsync("#confirm-submit-yes");

        await Expect(page.Locator("#submit-success")).ToBeVisibleAsync();
        await Expect(page.Locator("#frozen-banner")).ToBeVisibleAsync();
        await Expect(page.Locator("#q-IGU-01-yes")).ToBeCheckedAsync();
        await Expect(page.Locator("#q-IGU-01-yes")).ToBeDisabledAsync();
        await Expect(page.Locator("#evidence-IGU-01")).ToHaveCountAsync(0);
        await Expect(page.Locator("#submit-assessment")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("5-submitted");
        await page.SetViewportSizeAsync(390, 844);
        await session.ScreenshotAsync("6-phone");
        await page.SetViewportSizeAsync(1280, 900);

        await page.ClickAsync("#open-summary");
        await Expect(page.Locator("[data-testid=assessment-summary]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=summary-overall]")).ToHaveTextAsync("100");
        await Expect(page.Locator("[data-testid=summary-SUB-01]")).ToContainTextAsync("evidencia.pdf");
        await Expect(page.Locator("[data-testid=summary-LIB-12]")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("7-summary");

        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Volver a la autoevaluación" }).ClickAsync();
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Mis evaluaciones" }).ClickAsync();
        var listed = page.Locator("[data-testid^=assessment-]");
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(listed.Locator("[data-state=Submitted]")).ToHaveTextAsync("Enviada");
        await Expect(listed).ToContainTextAsync($"{answers.Count} de {answers.Count} respondidas");
        await Expect(page.Locator("#start-DRL-AUTO")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("8-my-assessments-after");
    }

    [BrowserFact]
    public async Task AssessmentPages_OtherCompanyOrUnknownId_AnswerNotFound()
    {
        await using var session = await browser.NewSessionAsync(app.BaseUrl, output);
        var page = session.Page;
        await SignInAsync(session, OtherCompanyOwner);
        var autopartes = await CompanyIdAsync(AutopartesRfc);
        var plastiMoldes = await CompanyIdAsync(PlastiMoldesRfc);

        var otherList = await page.GotoAsync($"empresas/{autopartes}/evaluaciones");
        var otherSummary = await page.GotoAsync($"empresas/{autopartes}/evaluaciones/1/resumen");
        var unknownAssessment = await page.GotoAsync($"empresas/{plastiMoldes}/evaluaciones/999999");
        var ownList = await page.GotoAsync($"empresas/{plastiMoldes}/evaluaciones");

        Assert.Equal(404, otherList?.Status);
        Assert.Equal(404, otherSummary?.Status);
        Assert.Equal(404, unknownAssessment?.Status);
        Assert.Equal(200, ownList?.Status);
    }

    private static async Task SignInAsync(BrowserSession session, string email)
    {
        await session.GotoAsync("Account/Login");
        await session.Page.FillAsync("#Input\\.Email", email);
        await session.Page.FillAsync("#Input\\.Password", DemoPassword);
        await session.Page.ClickAsync("#login-submit");
        await Expect(session.Page).ToHaveURLAsync(CompanyDashboardUrl());
    }

    private async Task<int> CompanyIdAsync(string rfc)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CertifyDbContext>>().CreateDbContextAsync();
        return await db.Companies.Where(c => c.Rfc == rfc).Select(c => c.Id).SingleAsync();
    }

    /// <summary>
    /// Opens the section's tab and answers each question the questionnaire says is visible after the answers so far,
    /// with its compliant option, attaching the PDF wherever that answer asks for evidence (and to SUB-01, where it is
    /// optional). Waits for "Guardado" after each step, so every save has reached the server before the next.
    /// </summary>
    private static async Task AnswerSectionAsync(IPage page, QuestionnaireDefinition questionnaire, string sectionCode, Dictionary<string, AnswerValue> answers)
    {
        await page.ClickAsync($"#tab-{sectionCode}");
        var section = questionnaire.Sections.Single(s => s.Code == sectionCode);
        foreach (var question in section.Questions)
        {
            if (!Visibility.VisibleQuestions(questionnaire, answers).Contains(question.Code))
            {
                continue;
            }

            var card = page.Locator($"#q-{question.Code}");
            await Expect(card).ToBeVisibleAsync();
            var answer = await AnswerAsync(page, question);
            answers[question.Code] = answer;
            await Expect(page.Locator($"[data-testid=save-status-{question.Code}]")).ToContainTextAsync("Guardado");

            if (question.Evidence.AppliesTo(answer) || question.Code == "SUB-01")
            {
                await page.Locator($"#evidence-{question.Code}").SetWhenReadyAsync(
                    new FilePayload { Name = "evidencia.pdf", MimeType = "application/pdf", Buffer = SmallPdf });
                await Expect(page.Locator($"[data-testid=evidence-list-{question.Code}]")).ToContainTextAsync("evidencia.pdf");
                await Expect(page.Locator($"[data-testid=evidence-missing-{question.Code}]")).ToHaveCountAsync(0);
            }
        }
    }

    private static async Task<AnswerValue> AnswerAsync(IPage page, QuestionDefinition question)
    {
        if (question.Type == AnswerType.Date)
        {
            var recent = DateOnly.FromDateTime(DateTime.Today).AddMonths(-1);
            await page.FillAsync($"#q-{question.Code}-input", recent.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return AnswerValue.Date(recent);
        }

        // The first fully compliant option: "yes" on the gates SUB-02 and LIB-01, so their follow-up questions appear.
        var compliant = question.Options.First(o => o.Compliance == 1m);
        await page.CheckAsync($"#q-{question.Code}-{compliant.Value}");
        return AnswerValue.Choice(compliant.Value);
    }

    private static QuestionnaireDefinition LoadQuestionnaire()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Certify.sln")))
        {
            root = root.Parent;
        }

        var folder = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Certify.sln not found above the test output."), "seed", "questionnaires");
        using var json = File.OpenRead(Path.Combine(folder, "drl-auto-2026.1.json"));
        var result = QuestionnaireLoader.Load(json, "drl-auto-2026.1.json", File.ReadAllText(Path.Combine(folder, "questionnaire.schema.json")));
        return result.Definition ?? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
    }

    [GeneratedRegex(@"/empresas/\d+$")]
    private static partial Regex CompanyDashboardUrl();

    [GeneratedRegex(@"/empresas/\d+/evaluaciones/\d+$")]
    private static partial Regex AssessmentUrl();

    [GeneratedRegex(@"\bactive\b")]
    private static partial Regex ActiveTab();
}
