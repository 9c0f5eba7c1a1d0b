using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Certify.Domain.Distinctives;
using Certify.EndToEnd.Tests;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Certify.Cluster.Tests;

/// <summary>
/// Point 3 of the proof: node B has answered (and cached) every public view of an active distinctive; the program
/// admin revokes it through node A; the very next request to node B says revoked on the verification page, the API,
/// the badge, the registry counts and the revocation status list.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class ClusterRevocationTests(ClusterFixture cluster, BrowserFixture browser, ITestOutputHelper output)
{
    private const string ProgramAdmin = "programa@capb.demo";
    private const string DemoPassword = "Bajio.Proveedores.2026";
    private const string ActiveCompany = "Forjas de León";

    [ClusterFact]
    public async Task Revocation_MadeOnNodeA_ShownByNodeBOnTheNextRequest()
    {
        ClusterFixture.RequireEnvironment();
        await using var db = cluster.Db();
        var distinctive = await db.Distinctives.AsNoTracking().Where(d => d.LegalName.StartsWith(ActiveCompany))
            .Select(d => new { d.Id, d.CertifyingBodyId, d.VerificationCode, d.StatusListIndex, d.CertifyingBody!.Slug }).SingleAsync();
        Assert.True(VerificationCode.TryParse(distinctive.VerificationCode, out var parsed));
        var code = parsed.Format();
        using var nodeB = ClusterFixture.Client(cluster.NodeB);

        // Twice each, so the second answer comes from whatever node B caches.
        PublicViews before = default!;
        for (var i = 0; i < 2; i++)
        {
            before = await PublicViewsAsync(nodeB, code, distinctive.Slug, distinctive.StatusListIndex);
        }

        Assert.Equal(new PublicViews("Active", "active", true, false, before.RevokedCount, before.ActiveCount), before);

        await using (var admin = await browser.NewSessionAsync(cluster.NodeA.BaseUrl, output))
        {
            await admin.SignInAsync(ProgramAdmin, DemoPassword);
            await admin.GotoAsync($"organismos/{distinctive.CertifyingBodyId}/distintivos?id={distinctive.Id}");
            await admin.Page.FillAsync("#lifecycle-reason", "Incumplimiento grave confirmado por la inspección.");
            await admin.Page.ClickAsync("#lifecycle-revoke");
            await Expect(admin.Page.Locator(".modal.show")).ToContainTextAsync("definitivo");
            await admin.Page.ClickAsync("#lifecycle-revoke-confirm");
            await Expect(admin.Page.Locator("[data-testid=lifecycle-message]")).ToBeVisibleAsync();
        }

        var after = await PublicViewsAsync(nodeB, code, distinctive.Slug, distinctive.StatusListIndex);
        output.WriteLine($"node B before: {before}");
        output.WriteLine($"node B after:  {after}");

        Assert.Equal(new PublicViews("Revoked", "revoked", false, true, before.RevokedCount + 1, before.ActiveCount - 1), after);
    }

    /// <summary>What node B says about the distinctive on each public view.</summary>
    private static async Task<PublicViews> PublicViewsAsync(HttpClient node, string code, string slug, int statusListIndex)
    {
        var page = await GetTextAsync(node, $"verificar/{code}");
        var api = JsonNode.Parse(await GetTextAsync(node, $"api/v1/distinctives/{code}"))!;
        var badge = await GetTextAsync(node, $"badge/{code}.svg");
        var revoked = JsonNode.Parse(await GetTextAsync(node, "api/v1/registry?status=revoked"))!;
        var active = JsonNode.Parse(await GetTextAsync(node, "api/v1/registry?status=active"))!;
        var statusList = await GetTextAsync(node, $"organismos/{slug}/estado/revocation");
        return new PublicViews(
            PageStatus: VerifyResultStatus().Match(page) is { Success: true } match ? match.Groups["status"].Value : "(none)",
            ApiStatus: (string)api["status"]!,
            BadgeSaysActive: badge.Contains("vigente", StringComparison.Ordinal),
            RevokedInStatusList: RevokedBit(statusList, statusListIndex),
            RevokedCount: (int)revoked["total"]!,
            ActiveCount: (int)active["total"]!);
    }

    private static async Task<string> GetTextAsync(HttpClient node, string path)
    {
        using var response = await node.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} on node B answered {(int)response.StatusCode}.");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The bit of the signed status list (vc+jwt) at the distinctive's index; the signature is the unit tests' business.</summary>
    private static bool RevokedBit(string jwt, int index)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        var credential = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))!;
        return BitstringStatusList.Decode((string)credential["credentialSubject"]!["encodedList"]!).Get(index);
    }

    [GeneratedRegex("data-testid=\"verify-result\"[\\s\\S]*?data-status=\"(?<status>\\w+)\"")]
    private static partial Regex VerifyResultStatus();

    private sealed record PublicViews(string PageStatus, string ApiStatus, bool BadgeSaysActive, bool RevokedInStatusList, int RevokedCount, int ActiveCount);
}
