using System.Net;
using Certify.Data.Entities;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Tests.Identity;

/// <summary>ASVS password rules: 12–128 characters, nothing from seed/security/common-passwords.txt, no context words.</summary>
public sealed class PasswordPolicyTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string UncommonPassword = "tornillo verde de Celaya";

    [Theory]
    [InlineData("password1234", "PasswordTooCommon")]
    [InlineData("PASSWORD1234", "PasswordTooCommon")]
    [InlineData("tornillo-11", "PasswordTooShort")]
    public async Task CreateAsync_WeakPassword_FailsWithCode(string password, string code)
    {
        var result = await factory.WithUserManagerAsync(users => users.CreateAsync(NewUser($"debil-{Guid.NewGuid():N}@example.com"), password));

        Assert.Contains(result.Errors, e => e.Code == code);
    }

    [Theory]
    [InlineData("Demo.Certify.2026", "contexto-sitio@example.com")]
    [InlineData("certifycertify", "contexto-sitio2@example.com")]
    [InlineData("ana.garcia y su tornillo", "ana.garcia@example.com")]
    [InlineData("GARCIA tornillo verde 2026", "ana.garcia@example.com")]
    public async Task CreateAsync_SiteNameOrEmailInPassword_FailsAsContext(string password, string email)
    {
        var result = await factory.WithUserManagerAsync(users => users.CreateAsync(NewUser(email), password));

        var error = Assert.Single(result.Errors);
        Assert.Equal("PasswordContainsContext", error.Code);
    }

    [Fact]
    public async Task Register_PasswordWithSiteName_ShowsTranslatedMessageAndCreatesNoAccount()
    {
        var html = await PostRegisterAsync("sitio@example.com", "Demo.Certify.2026");

        Assert.Contains(ErrorTexts(html), e => e.Contains("nombre del sitio (Certify)", StringComparison.Ordinal));
        Assert.False(await UserExistsAsync("sitio@example.com"));
    }

    [Fact]
    public async Task CreateAsync_NewDemoPassword_PassesEveryRule()
    {
        var result = await factory.WithUserManagerAsync(users => users.CreateAsync(NewUser("rh-nuevo@autopartes-bajio.demo"), CertifyWebFactory.DemoPassword));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
    }

    [Fact]
    public async Task CreateAsync_129Characters_FailsAsTooLong()
    {
        var result = await factory.WithUserManagerAsync(users => users.CreateAsync(NewUser("larga@example.com"), new string('x', 128) + "y"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("PasswordTooLong", error.Code);
        Assert.Contains("128", error.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(128)]
    public async Task CreateAsync_UncommonPasswordAtLengthLimit_Succeeds(int length)
    {
        var password = string.Concat(Enumerable.Repeat(UncommonPassword, 6))[..length];

        var result = await factory.WithUserManagerAsync(users => users.CreateAsync(NewUser($"limite-{length}@example.com"), password));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
    }

    [Fact]
    public async Task Register_CommonPassword_ShowsMessageAndCreatesNoAccount()
    {
        var html = await PostRegisterAsync("comun@example.com", "password1234");

        Assert.Contains(ErrorTexts(html), e => e.Contains("demasiado común", StringComparison.Ordinal));
        Assert.False(await UserExistsAsync("comun@example.com"));
    }

    [Fact]
    public async Task Register_ElevenCharacters_ShowsMessageAndCreatesNoAccount()
    {
        var html = await PostRegisterAsync("corta@example.com", "tornillo-11");

        Assert.Contains(ErrorTexts(html), e => e.Contains("12", StringComparison.Ordinal));
        Assert.False(await UserExistsAsync("corta@example.com"));
    }

    [Fact]
    public async Task Register_129Characters_ShowsMessageAndCreatesNoAccount()
    {
        var html = await PostRegisterAsync("muy-larga@example.com", new string('x', 128) + "y");

        Assert.NotEmpty(ErrorTexts(html));
        Assert.False(await UserExistsAsync("muy-larga@example.com"));
    }

    private async Task<string> PostRegisterAsync(string email, string password)
    {
        using var client = factory.CreateBrowserClient();
        using var response = await CertifyWebFactory.PostFormAsync(client, "/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Persona de prueba",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Field messages and the status alert, wherever the page puts the refusal.</summary>
    private static List<string> ErrorTexts(string html) =>
        CertifyWebFactory.Parse(html).QuerySelectorAll(".validation-message, .alert-danger")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();

    private async Task<bool> UserExistsAsync(string email) =>
        await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));

    private static ApplicationUser NewUser(string email) => new()
    {
        UserName = email,
        Email = email,
        EmailConfirmed = true,
        DisplayName = "Prueba",
        CreatedAt = DateTimeOffset.UtcNow,
    };
}
