using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>
/// The HTML verification page is rate limited per client (429 with Retry-After), and the client is the connection's
/// address unless the connection comes from a configured proxy, whose X-Forwarded-For is then believed.
/// </summary>
public sealed class ClientAddressTests : IDisposable
{
    private const int Limit = 3;
    private const string KnownProxy = "10.0.0.5";
    private const string VerifyUrl = "/verificar/AAAA-BBBB-CCCC-D";

    private readonly CertifyWebFactory _root = new();
    private readonly WebApplicationFactory<Program> _factory;

    public ClientAddressTests()
    {
        _factory = _root.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RateLimits:VerifyPagePermitLimit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimits:WindowSeconds", "3600");
            builder.UseSetting("ForwardedHeaders:KnownProxies:0", KnownProxy);
        });
    }

    [Fact]
    public async Task VerifyPage_OverTheLimit_Answers429WithRetryAfter_OtherPagesAndClientsStillServed()
    {
        for (var i = 0; i < Limit; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await GetAsync(VerifyUrl, "203.0.113.10")).StatusCode);
        }

        var refused = await GetAsync(VerifyUrl, "203.0.113.10");
        var otherClient = await GetAsync(VerifyUrl, "203.0.113.11");
        var registry = await GetAsync("/registro", "203.0.113.10");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.RetryAfter, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherClient.StatusCode);
        Assert.Equal(HttpStatusCode.OK, registry.StatusCode);
    }

    [Fact]
    public async Task ForwardedFor_FromUnknownProxy_IsIgnored()
    {
        // One connection address claiming a new client every time: still one client.
        for (var i = 0; i < Limit; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await GetAsync(VerifyUrl, "198.51.100.20", forwardedFor: $"192.0.2.{i + 1}")).StatusCode);
        }

        var refused = await GetAsync(VerifyUrl, "198.51.100.20", forwardedFor: "192.0.2.99");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task ForwardedFor_FromKnownProxy_PartitionsOnTheRealClient()
    {
        for (var i = 0; i < Limit; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await GetAsync(VerifyUrl, KnownProxy, forwardedFor: "192.0.2.50")).StatusCode);
        }

        var sameClient = await GetAsync(VerifyUrl, KnownProxy, forwardedFor: "192.0.2.50");
        var otherClient = await GetAsync(VerifyUrl, KnownProxy, forwardedFor: "192.0.2.51");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameClient.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherClient.StatusCode);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _root.Dispose();
    }

    private async Task<Answer> GetAsync(string path, string remoteAddress, string? forwardedFor = null)
    {
        var context = await _factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            if (forwardedFor is not null)
            {
                c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });
        return new Answer((HttpStatusCode)context.Response.StatusCode, context.Response.Headers.RetryAfter.ToString());
    }

    private sealed record Answer(HttpStatusCode StatusCode, string RetryAfter);
}
