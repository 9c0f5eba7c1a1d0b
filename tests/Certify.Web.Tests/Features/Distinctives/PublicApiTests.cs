using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>The public API, badge and verification page over HTTP, anonymous, on the demo body's program.</summary>
public sealed class PublicApiTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task GetStatus_ActiveDistinctive_ReturnsStatusJson()
    {
        var created = await factory.CreateDistinctiveAsync(new DistinctiveSpec { Level = "B", Topics = "SUB,LIB" });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync($"/api/v1/distinctives/{created.Code.Format()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(created.Number, root.GetProperty("number").GetString());
        Assert.Equal("active", root.GetProperty("status").GetString());
        Assert.Equal(CertifyWebFactory.CompanyARfc, root.GetProperty("rfc").GetString());
        Assert.Equal("DRL-AUTO", root.GetProperty("program").GetProperty("code").GetString());
        Assert.Equal("B", root.GetProperty("level").GetString());
        Assert.Equal(["SUB", "LIB"], root.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("code").GetString()));
        Assert.Equal("Cámara Automotriz de Proveedores del Bajío (demo)", root.GetProperty("issuer").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("reason").ValueKind);
        var urls = factory.Services.GetRequiredService<DistinctiveUrls>();
        Assert.Equal(urls.Verify(created.Code), root.GetProperty("verificationUrl").GetString());
        Assert.StartsWith(urls.Base + "/verificar/", root.GetProperty("verificationUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatus_UnknownOrMalformedCode_Returns404ProblemJson()
    {
        var created = await factory.CreateDistinctiveAsync();
        using var client = factory.CreateClient();

        foreach (var code in new[] { VerificationCode.Generate().Format(), "not-a-code", PublicDistinctiveTestData.Mistyped(created.Code) })
        {
            using var response = await client.GetAsync($"/api/v1/distinctives/{code}");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(404, json.RootElement.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task GetCredential_Distinctive_ServesVcJwt()
    {
        var created = await factory.CreateDistinctiveAsync(new DistinctiveSpec { CredentialJwt = "aaa.bbb.ccc" });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync($"/api/v1/distinctives/{created.Code.Value.ToLowerInvariant()}/credential");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vc+jwt", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("aaa.bbb.ccc", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetBadge_Distinctive_ServesSvgWithStatusAndCacheHeader()
    {
        var created = await factory.CreateDistinctiveAsync(new DistinctiveSpec { SuspendedAt = DateTimeOffset.UtcNow.AddDays(-1), StatusReason = "Auditoría" });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync($"/badge/{created.Code.Value}.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        var svg = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("suspendido", svg, StringComparison.Ordinal);
        Assert.Contains("#fd7e14", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatus_RevokedAfterCachedAnswer_SaysRevokedOnTheNextRequest()
    {
        var created = await factory.CreateDistinctiveAsync();
        using var client = factory.CreateClient();
        Assert.Equal("active", await StatusAsync(client, created.Code.Value));
        Assert.Contains("vigente", await client.GetStringAsync($"/badge/{created.Code.Value}.svg"), StringComparison.Ordinal);

        var admin = await ProgramAdminAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<DistinctiveLifecycleService>()
                .ApplyAsync(created.BodyId, created.Id, LifecycleAction.Revoke, "Información falsa", null, admin, CancellationToken.None);
            Assert.Equal(LifecycleOutcome.Done, outcome);
        }

        Assert.Equal("revoked", await StatusAsync(client, created.Code.Value));
        Assert.Contains("revocado", await client.GetStringAsync($"/badge/{created.Code.Value}.svg"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatus_SameUrlTwice_SecondAnswerComesFromTheOutputCache()
    {
        var created = await factory.CreateDistinctiveAsync();
        using var client = factory.CreateClient();
        Assert.Equal("active", await StatusAsync(client, created.Code.Value));

        // Changed behind the service's back (no eviction): the cached answer is still served.
        await factory.WithDbAsync(async db =>
        {
            var row = await db.Distinctives.FindAsync(created.Id);
            row!.RevokedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        });

        Assert.Equal("active", await StatusAsync(client, created.Code.Value));
    }

    [Fact]
    public async Task VerifyPage_MistypedCode_FriendlyPageWith404()
    {
        var created = await factory.CreateDistinctiveAsync();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync($"/verificar/{PublicDistinctiveTestData.Mistyped(created.Code)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var text = TestData.Text(html);
        Assert.Contains("No encontramos ese código", text, StringComparison.Ordinal);
        Assert.Contains("Revisa el código", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyForm_TypedCodeInLowerCase_RedirectsToTheFormattedCode()
    {
        var created = await factory.CreateDistinctiveAsync();
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync($"/verificar?codigo={created.Code.Value.ToLowerInvariant()}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith($"/verificar/{created.Code.Format()}", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyPage_RevokedDistinctive_ShowsRevokedWithDateAndReason()
    {
        var revokedAt = new DateTimeOffset(2026, 3, 10, 18, 0, 0, TimeSpan.Zero);
        var created = await factory.CreateDistinctiveAsync(new DistinctiveSpec
        {
            LegalName = "Verificación Revocada, S.A. de C.V.",
            ValidFrom = revokedAt.AddMonths(-2),
            RevokedAt = revokedAt,
            StatusReason = "Incumplimiento grave",
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync($"/verificar/{created.Code.Format()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = CertifyWebFactory.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Revocado", page.QuerySelector("[data-status]")!.TextContent.Trim());
        var detail = page.QuerySelector("[data-testid=verify-status-detail]")!.TextContent;
        Assert.Contains("10 de marzo de 2026", detail, StringComparison.Ordinal);
        Assert.Contains("Incumplimiento grave", detail, StringComparison.Ordinal);
        Assert.Contains("Verificación Revocada, S.A. de C.V.", page.QuerySelector("[data-testid=verify-details]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyPage_SignedCredential_SignatureChecks()
    {
        var signed = await factory.CreateSignedDistinctiveAsync();
        var tampered = await factory.CreateSignedDistinctiveAsync(tamper: true);
        var unsigned = await factory.CreateDistinctiveAsync();
        using var client = factory.CreateClient();

        Assert.Equal("true", await SignatureAsync(client, signed));
        Assert.Equal("false", await SignatureAsync(client, tampered));
        Assert.Equal("false", await SignatureAsync(client, unsigned));
    }

    [Fact]
    public async Task VerifyPage_ActiveDistinctive_ShowsVigenteTopicsAndLastDay()
    {
        var validFrom = new DateTimeOffset(2026, 1, 15, 6, 0, 0, TimeSpan.Zero);
        var created = await factory.CreateDistinctiveAsync(new DistinctiveSpec
        {
            ValidFrom = validFrom,
            ValidUntil = new DateTimeOffset(2099, 1, 15, 6, 0, 0, TimeSpan.Zero),
        });
        using var client = factory.CreateClient();

        var page = CertifyWebFactory.Parse(await client.GetStringAsync($"/verificar/{created.Code.Format()}"));

        Assert.Equal("Vigente", page.QuerySelector("[data-status]")!.TextContent.Trim());
        var details = page.QuerySelector("[data-testid=verify-details]")!.TextContent;
        Assert.Contains("14 de enero de 2099", details, StringComparison.Ordinal);
        Assert.Contains("15 de enero de 2026", details, StringComparison.Ordinal);
        Assert.Contains("Subcontrat", details, StringComparison.Ordinal);
        Assert.Contains(created.Number, details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Document_ListsThePublicEndpoints()
    {
        using var client = factory.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/distinctives/{code}", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/registry", document, StringComparison.Ordinal);
        Assert.DoesNotContain("/Account/", document, StringComparison.Ordinal);
    }

    private static async Task<string?> StatusAsync(HttpClient client, string code)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/distinctives/{code}"));
        return json.RootElement.GetProperty("status").GetString();
    }

    private static async Task<string?> SignatureAsync(HttpClient client, TestDistinctive distinctive)
    {
        var page = CertifyWebFactory.Parse(await client.GetStringAsync($"/verificar/{distinctive.Code.Value}"));
        return page.QuerySelector("[data-testid=verify-signature]")?.GetAttribute("data-valid");
    }

    private async Task<ClaimsPrincipal> ProgramAdminAsync()
    {
        var id = await factory.UserIdAsync("programa@capb.demo");
        return new CompanyUser(0, id, "programa@capb.demo").Principal;
    }
}
