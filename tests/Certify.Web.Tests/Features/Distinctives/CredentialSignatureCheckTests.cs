using Certify.Web.Features.Distinctives;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>
/// A credential's signature is checked when it is issued and when the body's keys rotate; the verification page shows
/// the stored outcome and its day instead of verifying on every view.
/// </summary>
public sealed class CredentialSignatureCheckTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Issue_StoresAValidCheck_WithItsInstant()
    {
        var (_, assessmentId) = await factory.ApprovedAsync("Firma Comprobada");
        await factory.IssueAsync(assessmentId);

        var distinctive = Assert.Single(await factory.DistinctivesAsync(assessmentId));
        Assert.True(distinctive.SignatureValid);
        Assert.NotNull(distinctive.SignatureVerifiedAt);
    }

    [Fact]
    public async Task VerifyPage_ShowsTheStoredOutcome_UntilTheKeysRotate()
    {
        var (_, assessmentId) = await factory.ApprovedAsync("Firma Alterada");
        await factory.IssueAsync(assessmentId);
        var issued = Assert.Single(await factory.DistinctivesAsync(assessmentId));
        using var client = factory.CreateClient();
        Assert.Equal("true", await SignatureAsync(client, issued.VerificationCode));

        var broken = issued.CredentialJwt[..^4] + (issued.CredentialJwt.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        await factory.WithDbAsync(db => db.Distinctives.Where(d => d.Id == issued.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.CredentialJwt, broken)));

        Assert.Equal("true", await SignatureAsync(client, issued.VerificationCode));

        await factory.Services.GetRequiredService<SigningKeyStore>().RotateAsync(issued.CertifyingBodyId, CancellationToken.None);

        Assert.Equal("false", await SignatureAsync(client, issued.VerificationCode));
        Assert.False(Assert.Single(await factory.DistinctivesAsync(assessmentId)).SignatureValid);
    }

    private static async Task<string?> SignatureAsync(HttpClient client, string code)
    {
        var page = CertifyWebFactory.Parse(await client.GetStringAsync($"/verificar/{code}"));
        return page.QuerySelector("[data-testid=verify-signature]")?.GetAttribute("data-valid");
    }
}
