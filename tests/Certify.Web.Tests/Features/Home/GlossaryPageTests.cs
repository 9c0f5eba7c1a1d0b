using AngleSharp.Html.Parser;
using Certify.Domain.Questionnaires;
using Certify.Web.Tests.Infrastructure;

namespace Certify.Web.Tests.Features.Home;

/// <summary>The public glossary the question cards link to: every term with an anchor, in the visitor's language.</summary>
public sealed class GlossaryPageTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Get_Anonymous_ListsEveryTermUnderItsAnchorInSpanish()
    {
        using var client = factory.CreateClient();

        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/glosario"));

        Assert.Equal(Glossary.Terms.Select(t => t.Anchor), document.QuerySelectorAll(".glossary-entry").Select(e => e.Id));
        Assert.Contains("Informativa de Contratos de Servicios u Obras Especializadas", document.GetElementById("icsoe")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Glosario", document.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_InEnglish_ShowsTheEnglishNames()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US");

        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/glosario"));

        Assert.Contains("Federal Centre for Conciliation and Labour Registration", document.GetElementById("cfcrl")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Glossary", document.Title, StringComparison.Ordinal);
    }
}
