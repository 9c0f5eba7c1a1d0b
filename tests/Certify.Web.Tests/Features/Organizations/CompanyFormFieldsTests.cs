using System.Globalization;
using Bunit;
using Certify.Domain.Companies;
using Certify.Web.Features.Organizations;
using Certify.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Organizations;

public sealed class CompanyFormFieldsTests : IDisposable
{
    private readonly BunitContext _context = new();
    private readonly CultureInfo _originalUiCulture = CultureInfo.CurrentUICulture;
    private readonly CultureInfo _originalCulture = CultureInfo.CurrentCulture;

    public CompanyFormFieldsTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es-MX");
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("es-MX");
        _context.Services.AddLocalization();
    }

    public void Dispose()
    {
        _context.Dispose();
        CultureInfo.CurrentUICulture = _originalUiCulture;
        CultureInfo.CurrentCulture = _originalCulture;
    }

    [Fact]
    public async Task ShowErrors_EmptyForm_PutsEachMessageUnderItsField()
    {
        var form = new CompanyForm();
        var host = _context.Render<CompanyFormFieldsHost>(p => p.Add(h => h.Form, form));

        await host.InvokeAsync(() => host.Instance.ShowErrors(form.Validate()));

        Assert.Equal(["Este campo es obligatorio."], MessagesUnder(host, "#company-legal-name"));
        Assert.Equal(["Escribe el RFC de la empresa."], MessagesUnder(host, "#company-rfc"));
        Assert.Equal(["Este campo es obligatorio."], MessagesUnder(host, "#company-municipality"));
        Assert.Empty(MessagesUnder(host, "#company-trade-name"));
        Assert.Contains("invalid", host.Find("#company-legal-name").ClassList);
        Assert.Empty(host.Instance.General);
    }

    [Fact]
    public async Task ShowErrors_BadCheckDigit_ShowsRfcMessageOnlyUnderRfc()
    {
        var valid = TestData.ValidRfc("FRM190101E5");
        var form = new CompanyForm
        {
            LegalName = "Forjas del Centro, S.A. de C.V.",
            Rfc = valid[..^1] + (valid[^1] == '1' ? '2' : '1'),
            State = MexicanState.Queretaro,
            Municipality = "Querétaro",
            Workers = 80,
            Tier = AutoPartsTier.Tier2,
        };
        var host = _context.Render<CompanyFormFieldsHost>(p => p.Add(h => h.Form, form));

        await host.InvokeAsync(() => host.Instance.ShowErrors(form.Validate()));

        var rfcMessage = Assert.Single(MessagesUnder(host, "#company-rfc"));
        Assert.Contains("dígito verificador", rfcMessage, StringComparison.Ordinal);
        Assert.Contains(form.Rfc, rfcMessage, StringComparison.Ordinal);
        Assert.Single(host.FindAll(".validation-message"));
    }

    [Fact]
    public async Task ShowErrors_Rfc_FieldIsDescribedByItsHelpAndItsError()
    {
        var form = new CompanyForm();
        var host = _context.Render<CompanyFormFieldsHost>(p => p.Add(h => h.Form, form));
        Assert.Equal("company-rfc-help", host.Find("#company-rfc").GetAttribute("aria-describedby"));
        Assert.Null(host.Find("#company-legal-name").GetAttribute("aria-describedby"));

        await host.InvokeAsync(() => host.Instance.ShowErrors(form.Validate()));

        var rfc = host.Find("#company-rfc");
        Assert.Equal("company-rfc-help company-rfc-error", rfc.GetAttribute("aria-describedby"));
        Assert.Equal("true", rfc.GetAttribute("aria-invalid"));
        Assert.Equal("Escribe el RFC de la empresa.", host.Find("#company-rfc-error").TextContent.Trim());
        Assert.Equal("company-legal-name-error", host.Find("#company-legal-name").GetAttribute("aria-describedby"));
        Assert.Null(host.Find("#company-trade-name").GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task ShowErrors_ErrorWithoutField_ReturnsItAsGeneralMessage()
    {
        var host = _context.Render<CompanyFormFieldsHost>(p => p.Add(h => h.Form, new CompanyForm()));

        await host.InvokeAsync(() => host.Instance.ShowErrors([new FieldError("", "NotAllowed")]));

        Assert.Equal(["No tienes permiso para hacer este cambio."], host.Instance.General);
        Assert.Empty(host.FindAll(".validation-message"));
    }

    private static List<string> MessagesUnder(IRenderedComponent<CompanyFormFieldsHost> host, string inputSelector) =>
        host.Find(inputSelector).ParentElement!.QuerySelectorAll(".validation-message").Select(e => e.TextContent.Trim()).ToList();
}
