using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Certify.Web.Identity;

/// <summary>
/// Ties the application cookie to a <see cref="UserSessions"/> record: signing in opens one (a re-issued cookie of
/// the same signed-in user keeps its own), and every request checks it, so a cookie is refused once its session
/// ended, whoever holds a copy. This replaces Identity's security-stamp validator: the records are the one truth.
/// </summary>
internal static class SessionCookieEvents
{
    public static async Task SigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || UserId(context.HttpContext, context.Principal) is not { } userId)
        {
            return;
        }

        var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
        var ct = context.HttpContext.RequestAborted;

        // RefreshSignInAsync (after a password or profile change) re-issues the cookie of the user already signed in.
        var current = context.HttpContext.User;
        var sessionId = UserSessions.SessionId(current) is { } id
            && UserId(context.HttpContext, current) == userId
            && await sessions.IsOpenAsync(id, userId, ct)
                ? id
                : await sessions.StartAsync(userId, context.HttpContext.Request.Headers.UserAgent.ToString(), ct);
        identity.AddClaim(new Claim(CertifyClaims.SessionId, sessionId.ToString()));
    }

    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var valid = principal is not null
            && UserSessions.SessionId(principal) is { } id
            && UserId(context.HttpContext, principal) is { } userId
            && await context.HttpContext.RequestServices.GetRequiredService<UserSessions>()
                .ValidateAsync(id, userId, UserSessions.IsStaff(principal), seen: true, context.HttpContext.RequestAborted);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }

    private static string? UserId(HttpContext context, ClaimsPrincipal principal)
    {
        var claimType = context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.UserIdClaimType;
        return principal.FindFirstValue(claimType);
    }
}
