using System.Net;
using Certify.Web.Features.Distinctives;
using Certify.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>
/// The public hot path from the output cache: the verification page and the registry's first page are stored for
/// anonymous visitors, per code and language, without an antiforgery cookie or no-store, evicted when a status changes,
/// and never stored for nor served to a signed-in visitor (whose name is in the top bar).
/// </summary>
public sealed class PublicPageCacheTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task VerifyPage_SecondAnonymousRequest_ServedFromTheCacheWithoutCookieOrNoStore()
    {
        var created = await factory.CreateDistinctiveAsync();
        using var client = factory.CreateClient();
        var url = $"/verificar/{created.Code.Format()}";

        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);

        foreach (var response in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"), "an anonymous visitor gets no cookie");
            Assert.False(response.Headers.CacheControl?.NoStore ?? false, "the page may be stored");
        }

        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task VerifyPage_EachLanguage_CachedApart()
    {
        var created = await factory.CreateDistinctiveAsync();
        var url = $"/verificar/{created.Code.Format()}";
        using var spanish = factory.CreateClient();
        using var english = factory.CreateClient();
        (await english.GetAsync("/cultura/en-US?returnUrl=/")).Dispose();

        await spanish.GetStringAsync(url);
        await english.GetStringAsync(url);
        using var spanishAgain = await spanish.GetAsync(url);
        using var englishAgain = await english.GetAsync(url);

        Assert.NotNull(spanishAgain.Headers.Age);
        Assert.NotNull(englishAgain.Headers.Age);
        Assert.Equal("es-MX", CertifyWebFactory.Parse(await spanishAgain.Content.ReadAsStringAsync()).DocumentElement.GetAttribute("lang"));
        Assert.Equal("en-US", CertifyWebFactory.Parse(await englishAgain.Content.ReadAsStringAsync()).DocumentElement.GetAttribute("lang"));
        Assert.Equal("Vigente", CertifyWebFactory.Parse(await spanishAgain.Content.ReadAsStringAsync()).QuerySelector("[data-status]")!.TextContent.Trim());
        Assert.NotEqual("Vigente", CertifyWebFactory.Parse(await englishAgain.Content.ReadAsStringAsync()).QuerySelector("[data-status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task VerifyPage_StatusChanges_TheNextRequestShowsIt()
    {
        var created = await factory.CreateDistinctiveAsync();
        using var client = factory.CreateClient();
        var url = $"/verificar/{created.Code.Format()}";
        await client.GetStringAsync(url);
        using (var cached = await client.GetAsync(url))
        {
            Assert.NotNull(cached.Headers.Age);
        }

        await RevokeAsync(created);

        using var response = await client.GetAsync(url);
        Assert.Null(response.Headers.Age);
        Assert.Equal("Revocado", CertifyWebFactory.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task VerifyPage_UnknownCode_NotCached()
    {
        using var client = factory.CreateClient();
        var url = $"/verificar/{Certify.Domain.Distinctives.VerificationCode.Generate().Format()}";

        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Null(second.Headers.Age);
    }

    [Fact]
    public async Task VerifyPage_SignedInVisitor_GetsTheirOwnPageAndAnonymousVisitorsNeverSeeIt()
    {
        var created = await factory.CreateDistinctiveAsync();
        var url = $"/verificar/{created.Code.Format()}";
        using var anonymous = factory.CreateClient();
        using var signedIn = factory.CreateBrowserClient();
        await factory.SignInAsync(signedIn, CertifyWebFactory.OwnerAEmail);
        var name = await factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == CertifyWebFactory.OwnerAEmail).DisplayName));
        Assert.False(string.IsNullOrWhiteSpace(name));
        await anonymous.GetStringAsync(url);

        using var own = await signedIn.GetAsync(url);
        using var own2 = await signedIn.GetAsync(url);
        using var anonymousAgain = await anonymous.GetAsync(url);

        Assert.Null(own.Headers.Age);
        Assert.Null(own2.Headers.Age);
        Assert.Contains(name, TestData.Text(await own2.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.NotNull(anonymousAgain.Headers.Age);
        Assert.DoesNotContain(name, TestData.Text(await anonymousAgain.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistryPage_FirstPageCachedUntilAStatusChanges_SearchesNever()
    {
        var created = await factory.CreateDistinctiveAsync();
        using var client = factory.CreateClient();
        await client.GetStringAsync("/registro");
        using (var cached = await client.GetAsync("/registro"))
        {
            Assert.NotNull(cached.Headers.Age);
            Assert.False(cached.Headers.Contains("Set-Cookie"));
        }

        await client.GetStringAsync("/registro?q=bajio");
        using (var search = await client.GetAsync("/registro?q=bajio"))
        {
            Assert.Null(search.Headers.Age);
        }

        await RevokeAsync(created);

        using var afterRevocation = await client.GetAsync("/registro");
        Assert.Equal(HttpStatusCode.OK, afterRevocation.StatusCode);
        Assert.Null(afterRevocation.Headers.Age);
    }

    private async Task RevokeAsync(TestDistinctive created)
    {
        await factory.WithDbAsync(async db =>
        {
            var row = await db.Distinctives.FindAsync(created.Id);
            row!.RevokedAt = DateTimeOffset.UtcNow;
            row.StatusReason = "Prueba";
            await db.SaveChangesAsync();
        });
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DistinctiveCache>().EvictAsync(created.Code.Value, CancellationToken.None);
    }
}
