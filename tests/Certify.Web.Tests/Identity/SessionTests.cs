using System.Net;
using System.Reflection;
using System.Security.Claims;
using Certify.Domain.Sessions;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Organizations;
using Certify.Web.Identity;
using Certify.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Identity;

/// <summary>
/// The auth cookie is good only while its server-side session is open: sign-out, account changes and idleness end
/// it for every copy of the cookie, and an open circuit learns it at its next revalidation.
/// </summary>
public sealed class SessionTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string CookieName = ".AspNetCore.Identity.Application";
    private const string NewPassword = "Tornillos.Y.Tuercas.2026";

    [Fact]
    public async Task Get_CopiedCookieAfterSignOut_RedirectsToLogin()
    {
        var company = await factory.CompanyIdAsync(CertifyWebFactory.CompanyARfc);
        using var browser = factory.CreateBrowserClient();
        using var login = await factory.PostLoginAsync(browser, CertifyWebFactory.OwnerAEmail, CertifyWebFactory.DemoPassword);
        var cookie = AuthCookie(login);
        using var thief = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using (var before = await GetWithCookieAsync(thief, $"/empresas/{company}", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var token = await CertifyWebFactory.AntiforgeryTokenAsync(browser, "/Account/Manage");
        using (var logout = await CertifyWebFactory.PostFormWithTokenAsync(browser, "/Account/Logout", "", token,
            new Dictionary<string, string> { ["ReturnUrl"] = "" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        using var after = await GetWithCookieAsync(thief, $"/empresas/{company}", cookie);
        AssertRedirectedToLogin(after);
    }

    [Fact]
    public async Task Post_ChangePassword_EndsOtherSessionsAndKeepsThisOne()
    {
        const string email = "cambio-contrasena@sesiones.example";
        await factory.CreateUserAsync(email);
        using var here = await SignedInAsync(email);
        using var elsewhere = await SignedInAsync(email);

        using (var change = await CertifyWebFactory.PostFormAsync(here, "/Account/Manage/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = CertifyWebFactory.DemoPassword,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        }

        await AssertSignedInAsync(here);
        await AssertSignedOutAsync(elsewhere);
        Assert.Equal(SessionEndReason.PasswordChanged, await LastEndReasonAsync(email));
    }

    [Fact]
    public async Task ResetPassword_EndsEverySession()
    {
        const string email = "restablecer@sesiones.example";
        await factory.CreateUserAsync(email);
        using var client = await SignedInAsync(email);

        await factory.WithUserManagerAsync(async users =>
        {
            var user = (await users.FindByEmailAsync(email))!;
            var token = await users.GeneratePasswordResetTokenAsync(user);
            return (await users.ResetPasswordAsync(user, token, NewPassword)).Succeeded;
        });

        await AssertSignedOutAsync(client);
        Assert.Equal(SessionEndReason.PasswordReset, await LastEndReasonAsync(email));
    }

    [Fact]
    public async Task Post_ResetAuthenticator_EndsOtherSessions()
    {
        const string email = "reinicio-2fa@sesiones.example";
        await factory.CreateUserAsync(email, authenticator: true);
        using var here = await SignedInAsync(email);
        using var elsewhere = await SignedInAsync(email);

        using (var reset = await CertifyWebFactory.PostFormAsync(here, "/Account/Manage/ResetAuthenticator", "reset-authenticator",
            new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        }

        await AssertSignedInAsync(here);
        await AssertSignedOutAsync(elsewhere);
        Assert.Equal(SessionEndReason.TwoFactorReset, await LastEndReasonAsync(email));
    }

    [Fact]
    public async Task RemoveFromRole_PlatformAdmin_EndsTheirSessions()
    {
        const string email = "admin-retirado@sesiones.example";
        await factory.CreateUserAsync(email, authenticator: true, platformAdmin: true);
        using var client = await SignedInAsync(email);
        using (var before = await client.GetAsync("/admin/auditoria"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await factory.WithUserManagerAsync(async users =>
            (await users.RemoveFromRoleAsync((await users.FindByEmailAsync(email))!, CertifyClaims.PlatformAdminRole)).Succeeded);

        using var after = await client.GetAsync("/admin/auditoria");
        AssertRedirectedToLogin(after);
        Assert.Equal(SessionEndReason.RoleRemoved, await LastEndReasonAsync(email));
    }

    [Fact]
    public async Task SetLockoutEnd_AccountDisabled_EndsTheirSessions()
    {
        const string email = "deshabilitada@sesiones.example";
        await factory.CreateUserAsync(email);
        using var client = await SignedInAsync(email);

        await factory.WithUserManagerAsync(async users =>
            (await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, DateTimeOffset.MaxValue)).Succeeded);

        await AssertSignedOutAsync(client);
        Assert.Equal(SessionEndReason.AccountLocked, await LastEndReasonAsync(email));
    }

    [Fact]
    public async Task DeactivateBodyMember_Auditor_EndsTheirSessions()
    {
        const string email = "auditor-baja@sesiones.example";
        var body = await factory.CreateBodyAsync("baja-sesiones", "Organismo de prueba de sesiones");
        var adminId = await factory.CreateUserAsync("programa-baja@sesiones.example", authenticator: true);
        await factory.AddBodyMembershipAsync(body, adminId, BodyRole.ProgramAdmin);
        var auditorId = await factory.CreateUserAsync(email, authenticator: true);
        var membership = await factory.AddBodyMembershipAsync(body, auditorId, BodyRole.Auditor);
        using var client = await SignedInAsync(email);
        using (var before = await client.GetAsync($"/organismos/{body}"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, adminId), new Claim(CertifyClaims.TwoFactorEnabled, "true")], "test"));
            var result = await scope.ServiceProvider.GetRequiredService<TeamService>()
                .DeactivateBodyMemberAsync(body, membership, admin, CancellationToken.None);
            Assert.True(result.Succeeded);
        }

        using var after = await client.GetAsync($"/organismos/{body}");
        AssertRedirectedToLogin(after);
        Assert.Equal(SessionEndReason.MembershipDeactivated, await LastEndReasonAsync(email));
    }

    [Fact]
    public async Task Post_EndSessionFromManagePage_SignsOutThatDevice()
    {
        const string email = "pagina-sesiones@sesiones.example";
        await factory.CreateUserAsync(email);
        using var here = await SignedInAsync(email);
        using var elsewhere = await SignedInAsync(email);
        var userId = await factory.UserIdAsync(email);
        var ids = await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).Select(s => s.Id).ToListAsync());
        var other = ids[^1];

        using (var page = await here.GetAsync("/Account/Manage/Sessions"))
        {
            var document = CertifyWebFactory.Parse(await page.Content.ReadAsStringAsync());
            Assert.Equal(2, document.QuerySelectorAll("#sessions [data-session]").Length);
        }

        using (var end = await CertifyWebFactory.PostFormAsync(here, "/Account/Manage/Sessions", "end-session",
            new Dictionary<string, string> { ["SessionId"] = other.ToString() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        }

        await AssertSignedInAsync(here);
        await AssertSignedOutAsync(elsewhere);
        Assert.Equal(SessionEndReason.EndedByUser, await LastEndReasonAsync(email));
    }

    [Fact]
    public async Task Get_StaffIdleLongerThanTimeout_RedirectsToLogin()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var app = WithClock(clock);
        const string email = "admin-inactivo@sesiones.example";
        await factory.CreateUserAsync(email, authenticator: true, platformAdmin: true);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        // The factory's sign-in helper only posts forms through the client it is given, so it serves the derived app.
        await factory.SignInAsync(client, email);

        clock.Advance(TimeSpan.FromMinutes(29));
        using (var busy = await client.GetAsync("/admin/auditoria"))
        {
            Assert.Equal(HttpStatusCode.OK, busy.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(31));
        using var idle = await client.GetAsync("/admin/auditoria");
        AssertRedirectedToLogin(idle);
        Assert.Equal(SessionEndReason.Idle, await LastEndReasonAsync(email));
    }

    [Fact]
    public async Task Get_EmployerIdleLongerThanTimeout_RedirectsToLogin()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var app = WithClock(clock);
        const string email = "rh-inactiva@sesiones.example";
        await factory.CreateUserAsync(email);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        // The factory's sign-in helper only posts forms through the client it is given, so it serves the derived app.
        await factory.SignInAsync(client, email);

        clock.Advance(TimeSpan.FromMinutes(119));
        using (var busy = await client.GetAsync("/Account/Manage"))
        {
            Assert.Equal(HttpStatusCode.OK, busy.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(121));
        using var idle = await client.GetAsync("/Account/Manage");
        AssertRedirectedToLogin(idle);
        Assert.Equal(SessionEndReason.Idle, await LastEndReasonAsync(email));
    }

    [Fact]
    public async Task ValidateAuthenticationStateAsync_EndedSession_ReturnsFalse()
    {
        var userId = await factory.CreateUserAsync("circuito@sesiones.example");
        var sessions = factory.Services.GetRequiredService<UserSessions>();
        var sessionId = await sessions.StartAsync(userId, "test", CancellationToken.None);
        var state = new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(CertifyClaims.SessionId, sessionId.ToString())], IdentityConstants.ApplicationScheme)));
        await using var scope = factory.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();

        Assert.True(await ValidateAsync(provider, state));
        await sessions.EndAsync(sessionId, SessionEndReason.SignedOut, CancellationToken.None);
        Assert.False(await ValidateAsync(provider, state));
    }

    [Fact]
    public async Task RevalidationInterval_IsAtMostOneMinute()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var interval = (TimeSpan)provider.GetType().GetProperty("RevalidationInterval", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(provider)!;

        Assert.InRange(interval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    private static Task<bool> ValidateAsync(AuthenticationStateProvider provider, AuthenticationState state) =>
        (Task<bool>)provider.GetType().GetMethod("ValidateAuthenticationStateAsync", BindingFlags.Instance | BindingFlags.NonPublic)!
            .Invoke(provider, [state, CancellationToken.None])!;

    /// <summary>The same app and database on the test's clock (the cookie and the session records both read it).</summary>
    private WebApplicationFactory<Program> WithClock(TestClock clock) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, email);
        return client;
    }

    private async Task AssertSignedInAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/Account/Manage");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/Account/Manage");
        AssertRedirectedToLogin(response);
    }

    private static void AssertRedirectedToLogin(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private async Task<SessionEndReason?> LastEndReasonAsync(string email)
    {
        var userId = await factory.UserIdAsync(email);
        return await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == userId && s.EndedAt != null)
            .OrderByDescending(s => s.EndedAt).Select(s => s.EndReason).FirstAsync());
    }

    private static string AuthCookie(HttpResponseMessage login) =>
        login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
