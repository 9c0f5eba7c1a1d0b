using Certify.Web.Tests.Infrastructure;

namespace Certify.Web.Tests.Features.Audit;

/// <summary>The audit trail page: a table from a tablet up, and the same events as cards on a phone.</summary>
public sealed class AuditTrailPageTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Get_PlatformAdmin_ShowsEveryRowOfThePageAlsoAsACardInWords()
    {
        const string email = "admin-tarjetas@certify.example";
        await factory.CreateUserAsync(email, authenticator: true, platformAdmin: true);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, email);

        var page = CertifyWebFactory.Parse(await client.GetStringAsync("/admin/auditoria"));

        var tableEvents = page.QuerySelectorAll("table .audit-event").Select(e => e.TextContent.Trim()).ToList();
        var cardEvents = page.QuerySelectorAll("ol.audit-cards > li .audit-event").Select(e => e.TextContent.Trim()).ToList();
        Assert.NotEmpty(tableEvents);
        Assert.Equal(tableEvents, cardEvents);
        Assert.DoesNotContain(cardEvents, text => text.Contains("user.signed-in", StringComparison.Ordinal));
    }
}
