using System.Net;

namespace Certify.Web.Tests.Infrastructure;

public sealed class HealthChecksTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Live_Anonymous_Returns200()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_MigratedDatabase_ReturnsHealthy()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
