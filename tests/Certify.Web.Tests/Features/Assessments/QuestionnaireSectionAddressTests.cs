using Certify.Web.Tests.Infrastructure;

namespace Certify.Web.Tests.Features.Assessments;

/// <summary>The questionnaire's section lives in the address: a reload or a shared link opens that same section.</summary>
public sealed class QuestionnaireSectionAddressTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Get_WithSectionInTheAddress_OpensThatSection()
    {
        var (client, url, sections) = await OpenAsync();
        var second = sections[1];

        var html = await client.GetStringAsync($"{url}?seccion={second}");

        Assert.Contains(Selected(second), html, StringComparison.Ordinal);
        Assert.DoesNotContain(Selected(sections[0]), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithUnknownSection_OpensTheFirst()
    {
        var (client, url, sections) = await OpenAsync();

        var html = await client.GetStringAsync($"{url}?seccion=NO-EXISTE");

        Assert.Contains(Selected(sections[0]), html, StringComparison.Ordinal);
    }

    private static string Selected(string code) => $"id=\"tab-{code}\" type=\"button\" role=\"tab\" aria-selected=\"true\"";

    private async Task<(HttpClient Client, string Url, IReadOnlyList<string> Sections)> OpenAsync()
    {
        var owner = await factory.DemoOwnerAsync(CertifyWebFactory.OwnerAEmail, CertifyWebFactory.CompanyARfc);
        var id = await factory.StartAssessmentAsync(owner);
        var view = await factory.ViewAsync(owner, id);
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, owner.Email);
        return (client, $"/empresas/{owner.CompanyId}/evaluaciones/{id}", [.. view.Definition.Sections.Select(s => s.Code)]);
    }
}
