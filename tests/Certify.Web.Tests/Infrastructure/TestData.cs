using Certify.Domain.Companies;

namespace Certify.Web.Tests.Infrastructure;

public static class TestData
{
    /// <summary>
    /// A well-formed legal-entity RFC: <paramref name="firstEleven"/> (3 letters, YYMMDD, 2-character homoclave) plus
    /// the check digit the domain's validator accepts.
    /// </summary>
    public static string ValidRfc(string firstEleven) =>
        "0123456789A".Select(digit => firstEleven + digit).Single(rfc => Rfc.Validate(rfc).IsValid);

    /// <summary>The registration/profile form's fields as the browser posts them.</summary>
    public static Dictionary<string, string> CompanyFields(string rfc, string legalName = "Troqueles del Norte, S.A. de C.V.") => new()
    {
        ["Form.LegalName"] = legalName,
        ["Form.TradeName"] = "Troqueles del Norte",
        ["Form.Rfc"] = rfc,
        ["Form.State"] = nameof(MexicanState.NuevoLeon),
        ["Form.Municipality"] = "Apodaca",
        ["Form.Workers"] = "250",
        ["Form.Tier"] = nameof(AutoPartsTier.Tier1),
        ["Form.ImssEmployerRegistration"] = "",
        ["Form.RepseFolio"] = "",
    };

    /// <summary>The text of every field-level validation message on the page.</summary>
    public static IReadOnlyList<string> ValidationMessages(string html) =>
        CertifyWebFactory.Parse(html).QuerySelectorAll(".validation-message").Select(e => e.TextContent.Trim()).ToList();

    /// <summary>The page's visible text, with entities decoded (Blazor encodes accented letters).</summary>
    public static string Text(string html) => CertifyWebFactory.Parse(html).Body?.TextContent ?? "";
}
