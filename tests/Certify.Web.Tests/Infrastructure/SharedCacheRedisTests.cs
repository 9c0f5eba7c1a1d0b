using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives;
using Certify.Web.Infrastructure;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Features.Distinctives;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>
/// The shared cache on a real Redis: two app nodes on one database and one Redis see each other's evictions on the
/// next request, and Redis going away mid-run degrades to the database (never a 5xx, health Degraded) and recovers.
/// </summary>
public sealed class SharedCacheRedisTests : IClassFixture<CertifyWebFactory>, IClassFixture<RedisServer>
{
    private readonly CertifyWebFactory _nodeA;
    private readonly RedisServer _redis;

    public SharedCacheRedisTests(CertifyWebFactory factory, RedisServer redis)
    {
        _nodeA = factory;
        _redis = redis;
        factory.Settings[SharedCache.RedisSetting] = redis.Configuration;
    }

    [RedisFact]
    public async Task Revoke_OnNodeA_NodeBSaysRevokedOnTheNextRequest()
    {
        await using var nodeB = _nodeA.WithWebHostBuilder(_ => { });
        const string name = "Dos Nodos Revocación";
        var created = await _nodeA.CreateDistinctiveAsync(new DistinctiveSpec { LegalName = $"{name}, S.A. de C.V." });
        var status = $"/api/v1/distinctives/{created.Code.Format()}";
        using var clientA = _nodeA.CreateClient();
        using var clientB = nodeB.CreateClient();

        Assert.Equal("active", await StatusAsync(clientA, status));
        using (var fromB = await clientB.GetAsync(status))
        {
            // Node B is served the answer node A put in Redis.
            Assert.NotNull(fromB.Headers.Age);
        }

        Assert.Equal(1, (await SearchAsync(nodeB, new RegistryFilter(Query: name, Status: DistinctiveStatus.Active))).Total);

        await using (var scope = _nodeA.Services.CreateAsyncScope())
        {
            var admin = new CompanyUser(0, await _nodeA.UserIdAsync(AssessmentTestData.ProgramAdminEmail), AssessmentTestData.ProgramAdminEmail);
            Assert.Equal(LifecycleOutcome.Done, await scope.ServiceProvider.GetRequiredService<DistinctiveLifecycleService>()
                .ApplyAsync(created.BodyId, created.Id, LifecycleAction.Revoke, "Documentos falsos", null, admin.Principal, CancellationToken.None));
        }

        Assert.Equal("revoked", await StatusAsync(clientB, status));
        Assert.Equal(0, (await SearchAsync(nodeB, new RegistryFilter(Query: name, Status: DistinctiveStatus.Active))).Total);
        Assert.Equal(1, (await SearchAsync(nodeB, new RegistryFilter(Query: name, Status: DistinctiveStatus.Revoked))).Total);
        var page = CertifyWebFactory.Parse(await clientB.GetStringAsync($"/verificar/{created.Code.Format()}"));
        Assert.Equal("Revocado", page.QuerySelector("[data-status]")!.TextContent.Trim());
    }

    [RedisFact]
    public async Task RedisKilledMidRun_PagesAnswerFromTheDatabaseHealthDegraded_ThenRecovers()
    {
        var created = await _nodeA.CreateDistinctiveAsync();
        var status = $"/api/v1/distinctives/{created.Code.Format()}";
        using var client = _nodeA.CreateClient();
        Assert.Equal("active", await StatusAsync(client, status));
        Assert.True(await ServedFromCacheAsync(client, status));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));

        _redis.Kill();
        try
        {
            foreach (var path in new[] { status, $"/verificar/{created.Code.Format()}", "/registro", "/api/v1/registry", $"/badge/{created.Code.Value}.svg" })
            {
                using var response = await client.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            }

            Assert.False(await ServedFromCacheAsync(client, status));
            using var health = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
        }
        finally
        {
            await _redis.StartAsync();
        }

        // The multiplexer reconnects by itself (every second); wait for that state, bounded.
        var waited = Stopwatch.StartNew();
        while (await client.GetStringAsync("/health/ready") != "Healthy")
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "the cache did not recover within a minute of Redis coming back");
            await Task.Delay(100);
        }

        Assert.Equal("active", await StatusAsync(client, status));
        Assert.True(await ServedFromCacheAsync(client, status));
    }

    private static async Task<string?> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("status").GetString();
    }

    /// <summary>The output cache answers a stored entry with an Age header; a fresh answer has none.</summary>
    private static async Task<bool> ServedFromCacheAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.Age is not null;
    }

    private static async Task<RegistryResult> SearchAsync(WebApplicationFactory<Program> node, RegistryFilter filter)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryService>().SearchAsync(filter, CancellationToken.None);
    }
}
