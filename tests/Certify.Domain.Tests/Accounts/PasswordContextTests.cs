using Certify.Domain.Accounts;

namespace Certify.Domain.Tests.Accounts;

public class PasswordContextTests
{
    [Theory]
    [InlineData("Demo.Certify.2026", "rh@autopartes-bajio.demo")]
    [InlineData("certifycertify", "ana@example.com")]
    [InlineData("CERTIFY is my home", null)]
    [InlineData("maria.lopez.2026!", "maria.lopez@example.com")]
    [InlineData("tengo-LOPEZ-en-la-frase", "maria.lopez@example.com")]
    [InlineData("auditora del año 2026", "auditora@capb.demo")]
    public void ContainsContextWord_SiteNameOrEmailPiece_IsRefused(string password, string? email)
    {
        Assert.True(PasswordContext.ContainsContextWord(password, email));
    }

    [Theory]
    [InlineData("Bajio.Proveedores.2026", "rh@autopartes-bajio.demo")]
    [InlineData("rh rh rh en la planta", "rh@autopartes-bajio.demo")]
    [InlineData("una frase larga y propia", "maria.lopez@example.com")]
    [InlineData("Certif y separado", null)]
    public void ContainsContextWord_OtherPasswords_AreAccepted(string password, string? email)
    {
        Assert.False(PasswordContext.ContainsContextWord(password, email));
    }

    [Fact]
    public void Words_SplitsTheLocalPart_AndDropsShortPieces()
    {
        Assert.Equal(["Certify", "maria.lopez", "maria", "lopez"], PasswordContext.Words("maria.lopez@example.com"));
        Assert.Equal(["Certify"], PasswordContext.Words("rh@autopartes-bajio.demo"));
    }
}
