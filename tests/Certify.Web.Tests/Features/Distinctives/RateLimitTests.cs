using System.Net;
using Certify.Web.Tests.Infrastructure;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>The app with a limit of three public requests per minute per client.</summary>
public sealed class TinyRateLimitFactory : IDisposable
{
    public TinyRateLimitFactory()
    {
        Factory = new CertifyWebFactory();
        App = Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RateLimits:PermitLimit", "3");
            builder.UseSetting("RateLimits:WindowSeconds", "60");
        });
    }

    public CertifyWebFactory Factory { get; }

    public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> App { get; }

    public void Dispose()
    {
        App.Dispose();
        Factory.Dispose();
    }
}

public sealed class RateLimitTests(TinyRateLimitFactory limited) : IClassFixture<TinyRateLimitFactory>
{
    [Fact]
    public async Task Get_OverTheLimit_Answers429WithRetryAfter()
    {
        using var client = limited.App.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync("/api/v1/ping");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await client.GetAsync("/api/v1/distinctives/0000-0000-0000-0");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = Assert.Single(refused.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);

        // Pages are not limited: the registry still answers.
        using var page = await client.GetAsync("/registro");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
