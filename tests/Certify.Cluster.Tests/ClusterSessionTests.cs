using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Certify.Domain.Questionnaires;
using Certify.EndToEnd.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Certify.Cluster.Tests;

/// <summary>
/// Points 1, 2 and 4 of the proof: a person works through the proxy (the circuit stays on one node, autosave works,
/// the answer is in the shared database); a sign-in made on node A is a valid sign-in on node B (shared Data
/// Protection keys and server-side sessions); a file uploaded through node A downloads through node B (shared folder).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class ClusterSessionTests(ClusterFixture cluster, BrowserFixture browser, ITestOutputHelper output)
{
    private const string DemoPassword = "Bajio.Proveedores.2026";
    private const string AutopartesOwner = "rh@autopartes-bajio.demo";
    private const string PlastiMoldesOwner = "rh@plastimoldes.demo";
    private const string PlastiMoldesRfc = "PMA180912R72";

    private static readonly byte[] SmallPdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        + "trailer << /Root 1 0 R >>\n%%EOF\n");

    [ClusterFact]
    public async Task AssessmentThroughProxy_CircuitStaysOnOneNode_AnswersAutosavedToSharedDatabase()
    {
        ClusterFixture.RequireEnvironment();
        await using var session = await browser.NewSessionAsync(cluster.Proxy.BaseUrl, output);
        var page = session.Page;
        var servedBy = new ConcurrentBag<string>();
        page.Response += (_, response) =>
        {
            if (response.Headers.TryGetValue(ClusterFixture.ServedByHeader.ToLowerInvariant(), out var node))
            {
                servedBy.Add(node);
            }
        };
        var sockets = new ConcurrentBag<string>();
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);

        await session.SignInAsync(AutopartesOwner, DemoPassword);
        await page.ClickAsync("#my-assessments");
        await page.ClickAsync("#start-DRL-AUTO");
        await Expect(page).ToHaveURLAsync(AssessmentUrl());
        var assessmentId = int.Parse(AssessmentUrl().Match(page.Url).Groups["id"].Value, CultureInfo.InvariantCulture);
        await session.WaitForBlazorAsync();

        var questionnaire = LoadQuestionnaire();
        var section = questionnaire.Sections.Single(s => s.Code == "SUB");
        var answered = new Dictionary<string, string>(StringComparer.Ordinal);
        await page.ClickAsync("#tab-SUB");
        foreach (var question in section.Questions.Where(q => q.Type != AnswerType.Date).Take(3))
        {
            var compliant = question.Options.First(o => o.Compliance == 1m).Value;
            await page.CheckAsync($"#q-{question.Code}-{compliant}");
            await Expect(page.Locator($"[data-testid=save-status-{question.Code}]")).ToContainTextAsync("Guardado");
            answered[question.Code] = compliant;
        }

        await session.ScreenshotAsync("0-answered-through-proxy", fullPage: false);

        await using var db = cluster.Db();
        var saved = await db.Answers.AsNoTracking().Where(a => a.AssessmentId == assessmentId).ToDictionaryAsync(a => a.QuestionCode, a => a.ValueJson);
        foreach (var (code, value) in answered)
        {
            Assert.True(saved.TryGetValue(code, out var json), $"{code} is not in the database.");
            Assert.Contains($"\"{value}\"", json, StringComparison.Ordinal);
        }

        var cookies = await page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == ".Certify.Node");
        Assert.Contains(sockets, url => url.StartsWith(cluster.Proxy.BaseUrl.Replace("http", "ws", StringComparison.Ordinal), StringComparison.Ordinal) && url.Contains("_blazor", StringComparison.Ordinal));
        var nodes = servedBy.Distinct().ToList();
        output.WriteLine($"{servedBy.Count} responses through the proxy, all from {string.Join(", ", nodes)}");
        Assert.Single(nodes);
    }

    [ClusterFact]
    public async Task AuthCookie_IssuedByNodeA_AcceptedByNodeB()
    {
        ClusterFixture.RequireEnvironment();
        await using var session = await browser.NewSessionAsync(cluster.NodeA.BaseUrl, output);
        await session.SignInAsync(PlastiMoldesOwner, DemoPassword);
        var companyId = await CompanyIdAsync(PlastiMoldesRfc);
        var cookieHeader = await CookieHeaderAsync(session.Page);

        using var nodeB = ClusterFixture.Client(cluster.NodeB);
        using var anonymous = await nodeB.GetAsync($"empresas/{companyId}");
        using var signedIn = await SendWithCookiesAsync(nodeB, $"empresas/{companyId}", cookieHeader);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains("PlastiMoldes", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [ClusterFact]
    public async Task Evidence_UploadedThroughNodeA_DownloadsThroughNodeB()
    {
        ClusterFixture.RequireEnvironment();
        await using var session = await browser.NewSessionAsync(cluster.NodeA.BaseUrl, output);
        var page = session.Page;
        await session.SignInAsync(PlastiMoldesOwner, DemoPassword);
        await page.ClickAsync("#my-assessments");
        await page.ClickAsync("#start-DRL-AUTO");
        await Expect(page).ToHaveURLAsync(AssessmentUrl());
        var assessmentId = int.Parse(AssessmentUrl().Match(page.Url).Groups["id"].Value, CultureInfo.InvariantCulture);
        await session.WaitForBlazorAsync();
        await page.ClickAsync("#tab-SUB");
        await page.CheckAsync("#q-SUB-01-no");
        await Expect(page.Locator("[data-testid=save-status-SUB-01]")).ToContainTextAsync("Guardado");
        await page.Locator("#evidence-SUB-01").SetInputFilesAsync(
            new FilePayload { Name = "contrato-nodo-a.pdf", MimeType = "application/pdf", Buffer = SmallPdf });
        await Expect(page.Locator("[data-testid=evidence-list-SUB-01]")).ToContainTextAsync("contrato-nodo-a.pdf");

        await using var db = cluster.Db();
        var evidenceId = await db.EvidenceFiles.Where(e => e.AssessmentId == assessmentId && e.FileName == "contrato-nodo-a.pdf").Select(e => e.Id).SingleAsync();

        using var nodeB = ClusterFixture.Client(cluster.NodeB);
        using var download = await SendWithCookiesAsync(nodeB, $"evidencias/{evidenceId}", await CookieHeaderAsync(page));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(SmallPdf, await download.Content.ReadAsByteArrayAsync());
    }

    private static async Task<string> CookieHeaderAsync(IPage page) =>
        string.Join("; ", (await page.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));

    private static async Task<HttpResponseMessage> SendWithCookiesAsync(HttpClient client, string path, string cookieHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookieHeader);
        return await client.SendAsync(request);
    }

    private async Task<int> CompanyIdAsync(string rfc)
    {
        await using var db = cluster.Db();
        return await db.Companies.Where(c => c.Rfc == rfc).Select(c => c.Id).SingleAsync();
    }

    private static QuestionnaireDefinition LoadQuestionnaire()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "seed", "questionnaires");
        using var json = File.OpenRead(Path.Combine(folder, "drl-auto-2026.1.json"));
        var result = QuestionnaireLoader.Load(json, "drl-auto-2026.1.json", File.ReadAllText(Path.Combine(folder, "questionnaire.schema.json")));
        return result.Definition ?? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
    }

    [GeneratedRegex(@"/empresas/\d+/evaluaciones/(?<id>\d+)$")]
    private static partial Regex AssessmentUrl();
}
