using System.Globalization;
using System.Text.RegularExpressions;
using Certify.Web.Infrastructure;
using Certify.Web.Tests.Features.Assessments;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>The pages a person reads write their times in Mexico City time, whatever the server's clock zone.</summary>
public sealed class PagesShowMexicoCityTimeTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task AuditTrail_ShowsMexicoCityTimeAndSaysTheZoneOnce()
    {
        const string email = "admin-hora@certify.example";
        await factory.CreateUserAsync(email, authenticator: true, platformAdmin: true);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, email);

        var html = await client.GetStringAsync("/admin/auditoria");
        var newest = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).Select(e => e.OccurredAt).FirstAsync());

        Assert.Contains($">{DisplayDates.ShortWithTime(newest)}<", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "hora de la Ciudad de M"));
    }

    [Fact]
    public async Task Summary_ShowsTheStartInMexicoCityTime()
    {
        var owner = await factory.DemoOwnerAsync(CertifyWebFactory.OwnerAEmail, CertifyWebFactory.CompanyARfc);
        var id = await factory.StartAssessmentAsync(owner);
        var created = await factory.WithDbAsync(db => db.Assessments.AsNoTracking().Where(a => a.Id == id).Select(a => a.CreatedAt).FirstAsync());
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, owner.Email);

        var html = await client.GetStringAsync($"/empresas/{owner.CompanyId}/evaluaciones/{id}/resumen");

        Assert.Contains(DisplayDates.LongWithTime(created, CultureInfo.GetCultureInfo(Localization.Spanish)), html, StringComparison.Ordinal);
    }
}
