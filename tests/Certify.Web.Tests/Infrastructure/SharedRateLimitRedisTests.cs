using System.Net;
using Certify.Web.Infrastructure;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>
/// The public rate limits on a real Redis: two app nodes count one client's requests together, so the client gets the
/// limit once across the cluster; with Redis gone each node falls back to its own count, and nothing fails.
/// </summary>
public sealed class SharedRateLimitRedisTests : IClassFixture<CertifyWebFactory>, IClassFixture<RedisServer>
{
    private const int Limit = 4;
    private readonly CertifyWebFactory _nodeA;
    private readonly RedisServer _redis;

    public SharedRateLimitRedisTests(CertifyWebFactory factory, RedisServer redis)
    {
        _nodeA = factory;
        _redis = redis;
        factory.Settings[SharedCache.RedisSetting] = redis.Configuration;
        factory.Settings["RateLimits:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["RateLimits:WindowSeconds"] = "60";
    }

    [RedisFact]
    public async Task OneClientOverTwoNodes_GetsTheLimitOnce_ThenEachNodeCountsAloneWhileRedisIsAway()
    {
        await using var nodeB = _nodeA.WithWebHostBuilder(_ => { });
        using var clientA = _nodeA.CreateClient();
        using var clientB = nodeB.CreateClient();

        // Alternating nodes: together they allow the limit, not twice the limit.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < Limit + 2; i++)
        {
            using var response = await (i % 2 == 0 ? clientA : clientB).GetAsync("/api/v1/ping");
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(retryAfter, 1, 60);
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, Limit), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);

        _redis.Kill();
        try
        {
            // Each node now counts in its own memory: node A, which made no request of its own window yet, allows the limit again.
            var alone = new List<HttpStatusCode>();
            for (var i = 0; i < Limit + 1; i++)
            {
                using var response = await clientA.GetAsync("/api/v1/ping");
                alone.Add(response.StatusCode);
            }

            Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, Limit), HttpStatusCode.TooManyRequests], alone);
        }
        finally
        {
            await _redis.StartAsync();
        }
    }
}
