using System.Net;
using Certify.Web.Tests.Infrastructure;

namespace Certify.Web.Tests.Identity;

public sealed class PersonalDataDownloadTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string Url = "/Account/Manage/DownloadPersonalData";

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.OwnerAEmail);

        using var response = await client.PostAsync(Url, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEqual("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_WithToken_DownloadsJsonThatNoCacheKeeps()
    {
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.OwnerAEmail);
        var token = await CertifyWebFactory.AntiforgeryTokenAsync(client, "/Account/Manage/PersonalData");

        using var response = await client.PostAsync(Url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(CertifyWebFactory.OwnerAEmail, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        PrivateDownloadAssert.NotStored(response);
    }
}
