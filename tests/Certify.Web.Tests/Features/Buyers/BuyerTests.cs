using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Certify.Data.Entities;
using Certify.Domain.Buyers;
using Certify.Domain.Distinctives;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Buyers;
using Certify.Web.Features.Distinctives;
using Certify.Web.Features.Exports;
using Certify.Web.Features.Notifications;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Features.Distinctives;
using Certify.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace Certify.Web.Tests.Features.Buyers;

/// <summary>
/// Buyers end to end on a real database: a buyer organisation with an owner and a member watches suppliers; a program
/// admin changes a distinctive; the alert job tells the members once and the delivery job posts the signed event to a
/// receiver inside the test process; keys, retries, disabling, SSRF refusals and tenancy.
/// </summary>
public sealed class BuyerTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private static int _users;

    [Fact]
    public async Task Register_OnThePage_OwnerLandsOnTheEmptyList()
    {
        var (client, _) = await SignedInUserAsync();

        using var posted = await CertifyWebFactory.PostFormAsync(client, "/compradores/registrar", "register-buyer", new Dictionary<string, string> { ["Name"] = "Compras Armadora Norte" });

        var buyer = await factory.WithDbAsync(db => db.Buyers.Include(b => b.Members).SingleAsync(b => b.Name == "Compras Armadora Norte"));
        Assert.Equal(CompanyRole.Owner, Assert.Single(buyer.Members).Role);
        Assert.EndsWith($"/compradores/{buyer.Id}", posted.Headers.Location?.OriginalString ?? await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await client.GetStringAsync($"/compradores/{buyer.Id}");
        Assert.Contains("Tu lista está vacía", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_CsvWithGoodBadAndRepeatedRows_AddsGoodOnesAndNamesTheRest()
    {
        var (client, buyerId, _) = await BuyerAsync();
        var csv = "RFC\nabd150310k49\nNO-ES-RFC\n\nPMA180912R72\nABD150310K49\nABD151310K49\n";

        using var response = await PostListAsync(client, buyerId, file: ("proveedores.csv", Encoding.UTF8.GetBytes(csv)));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Se agregaron 2 proveedores", html, StringComparison.Ordinal);
        Assert.Contains("Fila 3: «NO-ES-RFC»", html, StringComparison.Ordinal);
        Assert.Contains("Fila 7: «ABD151310K49» — la fecha dentro del RFC no existe", html, StringComparison.Ordinal);
        Assert.Contains("Fila 6: ABD150310K49 ya estaba en la fila 2", html, StringComparison.Ordinal);
        Assert.Equal(["ABD150310K49", "PMA180912R72"], await WatchedAsync(buyerId));

        // The same list again adds nothing new.
        using var again = await PostListAsync(client, buyerId, typed: "ABD150310K49 pma180912r72");
        Assert.Contains("Se agregaron 0 proveedores. Ya estaban en la lista: 2.", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_Xlsx_ReadsTheFirstColumn()
    {
        var (client, buyerId, _) = await BuyerAsync();
        using var xlsx = new MemoryStream();
        IReadOnlyList<ExportColumn<string>> columns = [new("RFC", ExportColumnType.Text, r => r)];
        await XlsxExportWriter.WriteAsync(xlsx, "Hoja", columns, new[] { "ABD150310K49", "XAXX010101000" }.ToAsyncEnumerable(), CancellationToken.None);

        using var response = await PostListAsync(client, buyerId, file: ("proveedores.xlsx", xlsx.ToArray()));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Se agregó 1 proveedor", html, StringComparison.Ordinal);
        Assert.Contains("Fila 3: «XAXX010101000» — es un RFC genérico", html, StringComparison.Ordinal);
        Assert.Equal(["ABD150310K49"], await WatchedAsync(buyerId));
    }

    [Fact]
    public async Task Upload_XlsxThatExpandsBeyondTheCap_RefusedWithoutReadingIt()
    {
        var (client, buyerId, _) = await BuyerAsync();
        using var bomb = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(bomb, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 41; i++)
            {
                await entry.WriteAsync(zeros);
            }
        }

        Assert.True(bomb.Length < SupplierFileReader.MaxBytes);

        using var response = await PostListAsync(client, buyerId, file: ("proveedores.xlsx", bomb.ToArray()));

        Assert.Contains("se expande a más de 40 MB", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty(await WatchedAsync(buyerId));
    }

    [Fact]
    public async Task List_ShowsOnlyPublicFactsAndFiltersByStatus()
    {
        var (client, buyerId, _) = await BuyerAsync();
        var distinctive = await factory.CreateDistinctiveAsync(new DistinctiveSpec { LegalName = "Proveedor Vigilado Uno, S.A. de C.V." });
        await PostListAsync(client, buyerId, typed: $"{CertifyWebFactory.CompanyARfc}\nPMA180912R72");

        var all = CertifyWebFactory.Parse(await client.GetStringAsync($"/compradores/{buyerId}"));
        var none = CertifyWebFactory.Parse(await client.GetStringAsync($"/compradores/{buyerId}?estatus=None"));

        var rows = all.QuerySelectorAll("[data-testid=watch-table] tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.TextContent.Contains("Vigente", StringComparison.Ordinal) && r.GetAttribute("data-rfc") == CertifyWebFactory.CompanyARfc);
        Assert.Equal(["PMA180912R72"], none.QuerySelectorAll("[data-testid=watch-table] tbody tr").Select(r => r.GetAttribute("data-rfc")));
        Assert.Equal(
            [$"compradores/{buyerId}/proveedores.xlsx?estatus=None", $"compradores/{buyerId}/proveedores.csv?estatus=None"],
            none.QuerySelectorAll("[data-testid=watch-export] a[data-export]").Select(a => a.GetAttribute("href")));
        using var csv = await client.GetAsync($"/compradores/{buyerId}/proveedores.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains(CertifyWebFactory.CompanyARfc, text, StringComparison.Ordinal);
        Assert.Contains("sin distintivo", text, StringComparison.Ordinal);
        Assert.NotNull(distinctive);
    }

    [Fact]
    public async Task Tenancy_AnotherBuyerAndCompanyUsers_GetNotFound()
    {
        var (_, buyerId, _) = await BuyerAsync();
        var (other, _, _) = await BuyerAsync();
        using var company = factory.CreateBrowserClient();
        await factory.SignInAsync(company, CertifyWebFactory.OwnerAEmail);

        foreach (var client in new[] { other, company })
        {
            foreach (var url in new[] { $"/compradores/{buyerId}", $"/compradores/{buyerId}/equipo", $"/compradores/{buyerId}/integraciones", $"/compradores/{buyerId}/proveedores.csv" })
            {
                using var response = await client.GetAsync(url);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task Revocation_AlertsAndWebhook_OncePerChange_SignedAndVerifiable()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (client, buyerId, owner) = await BuyerAsync();
        var member = await AddMemberAsync(buyerId, AlertMode.Daily);
        var rfc = NewRfc();
        var distinctive = await factory.CreateDistinctiveAsync(new DistinctiveSpec { LegalName = "Proveedor Revocado, S.A. de C.V.", Rfc = rfc });
        await PostListAsync(client, buyerId, typed: rfc);
        var (created, error) = await Integrations().RegisterEndpointAsync(buyerId, receiver.Url, owner, CancellationToken.None);
        Assert.Equal(WebhookTargetError.None, error);

        Assert.Equal(LifecycleOutcome.Done, await LifecycleAsync(distinctive, LifecycleAction.Revoke, "Documentos falsos"));
        await AlertJob().RunAsync(CancellationToken.None);
        await AlertJob().RunAsync(CancellationToken.None);

        var ownerId = TestUserId(owner);
        var notes = await factory.WithDbAsync(db => db.Notifications.Where(n => n.Kind == nameof(NotificationKind.SupplierDistinctiveChanged) && n.DataJson.Contains(rfc)).ToListAsync());
        Assert.Equal(new[] { member, ownerId }.Order(), notes.Select(n => n.UserId).Order());
        var ownerEmail = owner.FindFirstValue(ClaimTypes.Email) ?? await factory.WithDbAsync(db => db.Users.Where(u => u.Id == ownerId).Select(u => u.Email!).SingleAsync());
        var memberEmail = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == member).Select(u => u.Email!).SingleAsync());
        var emails = await factory.WithDbAsync(db => db.OutboundEmails.Where(e => e.To == ownerEmail || e.To == memberEmail).Select(e => new { e.To, e.Subject }).ToListAsync());
        var email = Assert.Single(emails);
        Assert.Equal(ownerEmail, email.To);
        Assert.Contains("revocado", email.Subject, StringComparison.Ordinal);
        var deliveries = await factory.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.WebhookEndpointId == created!.Id).ToListAsync());
        var delivery = Assert.Single(deliveries);
        Assert.Equal("distinctive.revoked", delivery.EventType);

        await DeliveryJob().RunAsync(delivery.Id, CancellationToken.None);
        await DeliveryJob().RunAsync(delivery.Id, CancellationToken.None);

        var (headers, body) = Assert.Single(receiver.Received);
        new StandardWebhook(created!.Secret).Verify(body, headers);
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(created.Secret).Verify(body.Replace("revoked", "active"), headers));
        using var json = JsonDocument.Parse(body);
        Assert.Equal("distinctive.revoked", json.RootElement.GetProperty("type").GetString());
        var data = json.RootElement.GetProperty("data");
        Assert.Equal(distinctive.Code.Value, data.GetProperty("verificationCode").GetString());
        Assert.EndsWith($"/verificar/{distinctive.Code.Format()}", data.GetProperty("verificationUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            ["company", "credentialUrl", "level", "number", "program", "rfc", "status", "validUntil", "verificationCode", "verificationUrl"],
            data.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var stored = await factory.WithDbAsync(db => db.WebhookDeliveries.SingleAsync(d => d.Id == delivery.Id));
        Assert.NotNull(stored.DeliveredAt);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(WebhookSchedule.MaxStoredResponse, stored.ResponseBody!.Length);
    }

    [Fact]
    public async Task FailingEndpoint_RetriesWithBackOff_GivesUp_ThenIsDisabledAndTheOwnerTold()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status = StatusCodes.Status500InternalServerError;
        var (_, buyerId, owner) = await BuyerAsync();
        var (created, _) = await Integrations().RegisterEndpointAsync(buyerId, receiver.Url, owner, CancellationToken.None);

        Assert.True(await Integrations().SendTestAsync(buyerId, created!.Id, owner, CancellationToken.None));
        var delivery = await factory.WithDbAsync(db => db.WebhookDeliveries.SingleAsync(d => d.WebhookEndpointId == created.Id));
        await DeliveryJob().RunAsync(delivery.Id, CancellationToken.None);
        var first = await factory.WithDbAsync(db => db.WebhookDeliveries.SingleAsync(d => d.Id == delivery.Id));
        Assert.Equal((1, 500), (first.Attempts, first.StatusCode!.Value));
        Assert.NotNull(first.NextAttemptAt);
        Assert.Null(first.GaveUpAt);

        for (var i = 1; i < WebhookSchedule.MaxAttempts; i++)
        {
            await DeliveryJob().RunAsync(delivery.Id, CancellationToken.None);
        }

        var last = await factory.WithDbAsync(db => db.WebhookDeliveries.SingleAsync(d => d.Id == delivery.Id));
        Assert.Equal(WebhookSchedule.MaxAttempts, last.Attempts);
        Assert.NotNull(last.GaveUpAt);
        Assert.Null(last.NextAttemptAt);

        // Enough failures in a row disable the endpoint and tell the owner.
        for (var i = 0; i < WebhookSchedule.DisableAfterFailures; i++)
        {
            await Integrations().SendTestAsync(buyerId, created.Id, owner, CancellationToken.None);
            var next = await factory.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.WebhookEndpointId == created.Id && d.Attempts == 0).Select(d => d.Id).FirstAsync());
            await DeliveryJob().RunAsync(next, CancellationToken.None);
            if (await factory.WithDbAsync(db => db.WebhookEndpoints.AnyAsync(e => e.Id == created.Id && e.DisabledAt != null)))
            {
                break;
            }
        }

        Assert.True(await factory.WithDbAsync(db => db.WebhookEndpoints.AnyAsync(e => e.Id == created.Id && e.DisabledAt != null)));
        Assert.True(await factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == nameof(NotificationKind.WebhookDisabled) && n.UserId == TestUserId(owner))));

        // The integrations page lists the endpoint, disabled, with its latest deliveries first (at most 20).
        var page = await Integrations().GetAsync(buyerId, owner, CancellationToken.None);
        var endpoint = Assert.Single(page!.Endpoints);
        Assert.NotNull(endpoint.DisabledAt);
        var all = await factory.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.WebhookEndpointId == created.Id).OrderByDescending(d => d.Id).Select(d => d.Id).ToListAsync());
        Assert.Equal(all.Take(20), endpoint.Deliveries.Select(d => d.Id));
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook", WebhookTargetError.PrivateAddress)]
    [InlineData("https://10.1.2.3/hook", WebhookTargetError.PrivateAddress)]
    [InlineData("https://169.254.169.254/latest/meta-data", WebhookTargetError.PrivateAddress)]
    [InlineData("https://192.168.0.10/", WebhookTargetError.PrivateAddress)]
    [InlineData("https://[::1]/hook", WebhookTargetError.PrivateAddress)]
    [InlineData("https://[::ffff:127.0.0.1]/hook", WebhookTargetError.PrivateAddress)]
    [InlineData("https://[fd00::1]/hook", WebhookTargetError.PrivateAddress)]
    [InlineData("https://localhost/hook", WebhookTargetError.PrivateAddress)]
    [InlineData("http://8.8.8.8/hook", WebhookTargetError.NotHttps)]
    [InlineData("ftp://8.8.8.8/hook", WebhookTargetError.Invalid)]
    [InlineData("https://user:secret@8.8.8.8/hook", WebhookTargetError.Invalid)]
    [InlineData("https://8.8.8.8/hook", WebhookTargetError.None)]
    public async Task Guard_Production_RefusesInternalTargets(string url, WebhookTargetError expected)
    {
        var guard = new WebhookTargetGuard(Options.Create(new WebhookOptions { AllowInsecureLoopback = false }));

        Assert.Equal(expected, await guard.CheckAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task Guard_Connection_RefusesAPrivateAddressEvenIfRegisteredEarlier()
    {
        var guard = new WebhookTargetGuard(Options.Create(new WebhookOptions { AllowInsecureLoopback = false }));
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync });

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://localhost:9/"));

        Assert.Contains("not allowed", refused.Message + refused.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKey_HashedBatchVerifiesRevokedKeyRefused()
    {
        var (_, buyerId, owner) = await BuyerAsync();
        var distinctive = await factory.CreateDistinctiveAsync(new DistinctiveSpec { LegalName = "Proveedor API, S.A. de C.V.", Rfc = NewRfc() });
        var key = await Integrations().CreateKeyAsync(buyerId, "ERP de compras", owner, CancellationToken.None);

        var stored = await factory.WithDbAsync(db => db.BuyerApiKeys.SingleAsync(k => k.Id == key!.Id));
        Assert.NotEqual(key!.Secret, stored.Hash);
        Assert.Equal(IntegrationService.Hash(key.Secret), stored.Hash);
        Assert.StartsWith(stored.Prefix, key.Secret, StringComparison.Ordinal);

        using var api = factory.CreateClient();
        using var anonymous = await api.PostAsJsonAsync("/api/v1/verify/batch", new { items = new[] { distinctive.Code.Value } });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var rfc = await factory.WithDbAsync(db => db.Distinctives.Where(d => d.Id == distinctive.Id).Select(d => d.Rfc).SingleAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/verify/batch")
        {
            Content = JsonContent.Create(new { items = new[] { rfc.ToLowerInvariant(), distinctive.Code.Format(), "NO-ES-NADA", "ZZZ010101ZZ1" } }),
        };
        request.Headers.Authorization = new("Bearer", key.Secret);
        using var answered = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var batch = (await answered.Content.ReadFromJsonAsync<BatchResponse>())!;
        Assert.Equal(["rfc", "code", "invalid"], batch.Items.Take(3).Select(i => i.Kind));
        Assert.True(batch.Items[0].Found && batch.Items[1].Found);
        Assert.Equal("active", batch.Items[1].Status);
        Assert.False(batch.Items[2].Found);

        Assert.True(await Integrations().RevokeKeyAsync(buyerId, key.Id, owner, CancellationToken.None));
        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/v1/verify/batch") { Content = JsonContent.Create(new { items = new[] { rfc } }) };
        again.Headers.Add("X-Api-Key", key.Secret);
        using var refused = await api.SendAsync(again);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Batch_OverTheKeysRateLimit_Answers429()
    {
        var (_, buyerId, owner) = await BuyerAsync();
        var key = await Integrations().CreateKeyAsync(buyerId, "Limite", owner, CancellationToken.None);
        using var limited = factory.WithWebHostBuilder(builder => builder.UseSetting("BuyerApi:BatchPermitLimit", "2"));
        using var api = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/verify/batch") { Content = JsonContent.Create(new { items = new[] { "ABD150310K49" } }) };
            request.Headers.Authorization = new("Bearer", key!.Secret);
            using var response = await api.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Digest_DailyMember_OneEmailWithTheDayChanges_RerunSendsNone()
    {
        var (client, buyerId, _) = await BuyerAsync();
        var member = await AddMemberAsync(buyerId, AlertMode.Daily);
        await factory.WithDbAsync(db => db.BuyerMemberships.Where(m => m.UserId == member).ExecuteUpdateAsync(s => s.SetProperty(m => m.DigestedUntil, DateTimeOffset.UtcNow.AddMinutes(-5))));
        var rfc = NewRfc();
        var distinctive = await factory.CreateDistinctiveAsync(new DistinctiveSpec { LegalName = "Proveedor Resumen, S.A. de C.V.", Rfc = rfc });
        await PostListAsync(client, buyerId, typed: rfc);
        Assert.Equal(LifecycleOutcome.Done, await LifecycleAsync(distinctive, LifecycleAction.Suspend, "Revisión"));
        var memberEmail = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == member).Select(u => u.Email!).SingleAsync());

        await AlertJob().DigestAsync(CancellationToken.None);
        await AlertJob().DigestAsync(CancellationToken.None);

        var digest = Assert.Single(await factory.WithDbAsync(db => db.OutboundEmails.Where(e => e.To == memberEmail).ToListAsync()));
        Assert.Contains("1 cambio", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("Proveedor Resumen", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("suspendido", digest.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_OverTheLimitOfItems_BadRequest()
    {
        var (_, buyerId, owner) = await BuyerAsync();
        var key = await Integrations().CreateKeyAsync(buyerId, "Lote", owner, CancellationToken.None);
        using var api = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/verify/batch")
        {
            Content = JsonContent.Create(new { items = Enumerable.Repeat("ABD150310K49", BatchVerification.MaxItems + 1) }),
        };
        request.Headers.Authorization = new("Bearer", key!.Secret);

        using var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostListAsync(HttpClient client, int buyerId, string? typed = null, (string Name, byte[] Bytes)? file = null)
    {
        var url = $"/compradores/{buyerId}";
        var token = await CertifyWebFactory.AntiforgeryTokenAsync(client, url);
        using var content = new MultipartFormDataContent
        {
            { new StringContent("watch-add"), "_handler" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(typed ?? ""), "Rfcs" },
        };
        if (file is { } f)
        {
            content.Add(new ByteArrayContent(f.Bytes), "File", f.Name);
        }

        return await client.PostAsync(url, content);
    }

    private Task<List<string>> WatchedAsync(int buyerId) =>
        factory.WithDbAsync(db => db.WatchedSuppliers.Where(w => w.BuyerId == buyerId).OrderBy(w => w.Rfc).Select(w => w.Rfc).ToListAsync());

    private async Task<(HttpClient Client, string Email)> SignedInUserAsync()
    {
        var email = $"compras-{Interlocked.Increment(ref _users)}-{Guid.NewGuid():N}@comprador.example";
        await factory.CreateUserAsync(email);
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, email);
        return (client, email);
    }

    /// <summary>A buyer organisation with a signed-in owner (immediate alerts).</summary>
    private async Task<(HttpClient Client, int BuyerId, ClaimsPrincipal Owner)> BuyerAsync()
    {
        var (client, email) = await SignedInUserAsync();
        var userId = await factory.UserIdAsync(email);
        var buyerId = await factory.WithDbAsync(async db =>
        {
            var buyer = new Buyer { Name = $"Comprador {Guid.NewGuid():N}"[..20], CreatedAt = DateTimeOffset.UtcNow };
            buyer.Members.Add(new BuyerMembership { UserId = userId, Role = CompanyRole.Owner, AlertMode = AlertMode.Immediate, CreatedAt = DateTimeOffset.UtcNow });
            db.Buyers.Add(buyer);
            await db.SaveChangesAsync();
            return buyer.Id;
        });
        return (client, buyerId, new CompanyUser(0, userId, email).Principal);
    }

    private async Task<string> AddMemberAsync(int buyerId, AlertMode mode)
    {
        var email = $"miembro-{Interlocked.Increment(ref _users)}-{Guid.NewGuid():N}@comprador.example";
        var userId = await factory.CreateUserAsync(email);
        await factory.WithDbAsync(async db =>
        {
            db.BuyerMemberships.Add(new BuyerMembership { BuyerId = buyerId, UserId = userId, Role = CompanyRole.Member, AlertMode = mode, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        });
        return userId;
    }

    private async Task<LifecycleOutcome> LifecycleAsync(TestDistinctive distinctive, LifecycleAction action, string reason)
    {
        var admin = new CompanyUser(0, await factory.UserIdAsync("programa@capb.demo"), "programa@capb.demo").Principal;
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DistinctiveLifecycleService>()
            .ApplyAsync(distinctive.BodyId, distinctive.Id, action, reason, null, admin, CancellationToken.None);
    }

    private static string TestUserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static string NewRfc() =>
        TestData.ValidRfc($"PRV{Random.Shared.Next(10, 99)}0{Random.Shared.Next(1, 9)}1{Random.Shared.Next(1, 9)}{(char)('A' + Random.Shared.Next(26))}{(char)('A' + Random.Shared.Next(26))}");

    private IntegrationService Integrations() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<IntegrationService>();

    private BuyerAlertJob AlertJob() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<BuyerAlertJob>();

    private WebhookDeliveryJob DeliveryJob() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<WebhookDeliveryJob>();
}

/// <summary>The supplier sees how often its distinctive was verified (counts only), counted by the verification page's uncached pixel.</summary>
public sealed class VerificationCountTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task VerifyPage_EveryViewCounts_CompanySeesTheCount()
    {
        var distinctive = await factory.CreateDistinctiveAsync(new DistinctiveSpec { LegalName = "Proveedor Contado, S.A. de C.V." });
        using var visitor = factory.CreateClient();

        var page = CertifyWebFactory.Parse(await visitor.GetStringAsync($"/verificar/{distinctive.Code.Format()}"));
        var pixel = page.QuerySelector("[data-testid=verify-counter]")!.GetAttribute("src")!;
        using (var first = await visitor.GetAsync("/" + pixel))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("image/gif", first.Content.Headers.ContentType?.MediaType);
            Assert.True(first.Headers.CacheControl?.NoStore);
        }

        using (await visitor.GetAsync("/" + pixel))
        {
        }

        using var unknown = await visitor.GetAsync("/verificar/0000-0000-0000-0000/visto.gif");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(2, await factory.WithDbAsync(db => db.DistinctiveVerificationDays.Where(v => v.DistinctiveId == distinctive.Id).SumAsync(v => v.Count)));

        var owner = factory.CreateBrowserClient();
        await factory.SignInAsync(owner, CertifyWebFactory.OwnerAEmail);
        var mine = CertifyWebFactory.Parse(await owner.GetStringAsync($"/empresas/{distinctive.CompanyId}/distintivos"));
        Assert.Contains(mine.QuerySelectorAll("[data-testid=verified-count]"), e => e.TextContent.StartsWith("2 veces en los últimos 30 días", StringComparison.Ordinal));
    }
}
