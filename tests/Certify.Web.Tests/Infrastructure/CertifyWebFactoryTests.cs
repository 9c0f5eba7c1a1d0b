using System.Net;
using Certify.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>The fixture's settings reach the configuration Program reads before Build, or tests would share App_Data.</summary>
public sealed class CertifyWebFactoryTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public void Services_DataPaths_PointAtTheFactoryTempFolder()
    {
        var paths = factory.Services.GetRequiredService<DataPaths>();

        Assert.Equal(factory.DataDirectory, paths.Root);
        Assert.StartsWith(Path.GetTempPath(), paths.Root, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInAsync_DemoOwner_GetsAnAuthenticatedSession()
    {
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.OwnerAEmail);

        using var response = await client.GetAsync("/empresas/registrar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
