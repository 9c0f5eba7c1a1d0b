using System.Text.RegularExpressions;
using Certify.Data.Entities;
using Certify.Domain.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Certify.EndToEnd.Tests;

/// <summary>
/// A member of the company whose demo distinctive has expired renews it from "Mis distintivos": the new assessment
/// opens pre-filled, lists the files to confirm, and confirming one takes it off the list.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RenewalJourneyTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    private const string Member = "renovacion@e2e.example";
    private const string Password = "Tornillos.Largos.2026";

    [BrowserFact]
    public async Task CompanyMember_RenewsAnExpiredDistinctiveAndConfirmsAFile()
    {
        var companyId = await MemberOfExpiredDistinctiveCompanyAsync();
        await using var session = await browser.NewSessionAsync(app.BaseUrl, output);
        var page = session.Page;
        await session.SignInAsync(Member, Password);

        await session.GotoAsync($"empresas/{companyId}/distintivos");
        await session.ScreenshotAsync("0-my-distinctives");
        await page.ClickAsync(".renew-button");
        await Expect(page).ToHaveURLAsync(new Regex($"/empresas/{companyId}/evaluaciones/\\d+$"));
        await session.WaitForBlazorAsync();
        var pending = page.Locator("[data-testid=renewal-pending]");
        await Expect(page.Locator("#renewal-banner")).ToContainTextAsync("Renovación del distintivo");
        var before = int.Parse(Regex.Match(await pending.InnerTextAsync(), @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(before > 0);
        await session.ScreenshotAsync("1-renewal-draft", fullPage: false);

        await page.Locator("#renewal-banner li a").First.ClickAsync();
        var confirm = page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { NameRegex = new Regex("^Confirmar que .* sigue vigente$") }).First;
        await confirm.ClickAsync();

        await Expect(pending).ToContainTextAsync(before == 1 ? "Todos los archivos están confirmados." : before == 2 ? "1 archivo por confirmar" : $"{before - 1} archivos por confirmar");
        await session.ScreenshotAsync("2-file-confirmed", fullPage: false);
    }

    /// <summary>A new confirmed account, member of the company that holds the demo distinctive which has expired.</summary>
    private async Task<int> MemberOfExpiredDistinctiveCompanyAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var companyId = await app.WithDbAsync(db => db.Distinctives.Where(d => d.ValidUntil < now && d.RevokedAt == null)
            .Select(d => d.CompanyId).FirstAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(Member) is null)
        {
            var user = new ApplicationUser { UserName = Member, Email = Member, EmailConfirmed = true, DisplayName = "Renovación E2E" };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await app.WithDbAsync(async db =>
            {
                db.CompanyMemberships.Add(new CompanyMembership { CompanyId = companyId, UserId = user.Id, Role = CompanyRole.Owner, CreatedAt = now });
                return await db.SaveChangesAsync();
            });
        }

        return companyId;
    }
}
