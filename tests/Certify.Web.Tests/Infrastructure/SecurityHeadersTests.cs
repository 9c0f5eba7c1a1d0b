using System.Net;

namespace Certify.Web.Tests.Infrastructure;

public sealed class SecurityHeadersTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    public async Task Get_Page_SendsContentSecurityPolicyWithoutInlineScripts(string url)
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("frame-ancestors 'none'", directives);
        var scriptSrc = Assert.Single(directives, d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("'unsafe-inline'", scriptSrc, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", scriptSrc, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    public async Task Get_Page_SendsNosniffAndReferrerPolicy(string url)
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(url);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(response.Headers.GetValues("Referrer-Policy"))));
    }
}
