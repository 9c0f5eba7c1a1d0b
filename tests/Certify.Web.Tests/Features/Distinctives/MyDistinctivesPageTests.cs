using System.Net;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Distinctives.Credentials;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>"Mis distintivos" and its downloads: the company's members (and, for downloads, the issuing body's staff) only.</summary>
public sealed class MyDistinctivesPageTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Page_Member_ListsTheDistinctiveWithLinksAndBadgeSnippet()
    {
        var (owner, distinctive) = await IssuedAsync("Página Distintivos");
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, owner.Email);

        using var response = await client.GetAsync(DistinctivePaths.Company(owner.CompanyId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = CertifyWebFactory.Parse(await response.Content.ReadAsStringAsync());
        var card = page.QuerySelector($"[data-testid=distinctive-{distinctive.Id}]")!;
        var code = DistinctiveFacts.Code(distinctive.VerificationCode).Format();
        Assert.Equal(distinctive.Number, card.QuerySelector(".distinctive-number")!.TextContent.Trim());
        Assert.Equal(code, card.QuerySelector(".distinctive-code")!.TextContent.Trim());
        Assert.Equal("Vigente", card.QuerySelector(".distinctive-status")!.TextContent.Trim());
        Assert.EndsWith($"/verificar/{code}", card.QuerySelector(".public-link")!.GetAttribute("value"), StringComparison.Ordinal);
        var snippet = card.QuerySelector(".badge-snippet")!.TextContent;
        Assert.Contains($"/badge/{code}.svg", snippet, StringComparison.Ordinal);
        Assert.StartsWith("<a href=", snippet, StringComparison.Ordinal);
        Assert.Contains($"distintivo verificable {code}", snippet, StringComparison.Ordinal);
        Assert.Equal(DistinctivePaths.Pdf(distinctive.Id), card.QuerySelector(".download-pdf")!.GetAttribute("href"));

        using var pdf = await client.GetAsync(DistinctivePaths.Pdf(distinctive.Id));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        PrivateDownloadAssert.NotStored(pdf);
        using var credential = await client.GetAsync(DistinctivePaths.Credential(distinctive.Id));
        Assert.Equal(HttpStatusCode.OK, credential.StatusCode);
        Assert.Equal(Es256Jws.MediaType, credential.Content.Headers.ContentType?.MediaType);
        Assert.Equal(distinctive.CredentialJwt, await credential.Content.ReadAsStringAsync());
        PrivateDownloadAssert.NotStored(credential);
    }

    [Fact]
    public async Task Page_InEnglish_BadgeSnippetDescribesTheImageInEnglish()
    {
        var (owner, distinctive) = await IssuedAsync("Página Inglés");
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, owner.Email);
        (await client.GetAsync("/cultura/en-US?returnUrl=/")).Dispose();

        using var response = await client.GetAsync(DistinctivePaths.Company(owner.CompanyId));

        var snippet = CertifyWebFactory.Parse(await response.Content.ReadAsStringAsync())
            .QuerySelector($"[data-testid=distinctive-{distinctive.Id}] .badge-snippet")!.TextContent;
        Assert.Contains($"verifiable distinctive {DistinctiveFacts.Code(distinctive.VerificationCode).Format()}", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("distintivo verificable", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageAndDownloads_OtherCompany_NotFound()
    {
        var (owner, distinctive) = await IssuedAsync("Página Ajena");
        var stranger = await factory.CreateCompanyAsync("Página Extraña");
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, stranger.Email);

        foreach (var url in new[] { DistinctivePaths.Company(owner.CompanyId), DistinctivePaths.Pdf(distinctive.Id), DistinctivePaths.Credential(distinctive.Id) })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {response.StatusCode}");
        }

        using var own = await client.GetAsync(DistinctivePaths.Company(stranger.CompanyId));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.NotNull(CertifyWebFactory.Parse(await own.Content.ReadAsStringAsync()).QuerySelector("[data-testid=no-distinctives]"));
    }

    [Fact]
    public async Task Downloads_StaffOfTheIssuingBody_AllowedAndAnonymous_SentToSignIn()
    {
        var (_, distinctive) = await IssuedAsync("Página Organismo");
        var email = "staff@distinctive-pages.example";
        var staffId = await factory.CreateUserAsync(email, authenticator: true);
        await factory.AddBodyMembershipAsync(await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug), staffId, BodyRole.Auditor);
        var staff = factory.CreateBrowserClient();
        await factory.SignInAsync(staff, email);

        using var pdf = await staff.GetAsync(DistinctivePaths.Pdf(distinctive.Id));
        using var anonymous = await factory.CreateBrowserClient().GetAsync(DistinctivePaths.Pdf(distinctive.Id));

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("Account/Login", anonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    private async Task<(CompanyUser Owner, Certify.Data.Entities.Distinctive Distinctive)> IssuedAsync(string tradeName)
    {
        var (owner, id) = await factory.ApprovedAsync(tradeName);
        await factory.IssueAsync(id);
        return (owner, Assert.Single(await factory.DistinctivesAsync(id)));
    }
}
