using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace Certify.Web.Identity;

public sealed class SecurityOptions
{
    /// <summary>
    /// Lets auditors and admins skip authenticator enrolment. Honoured in Development only, so a newcomer can try
    /// every demo role at once; ignored in every other environment.
    /// </summary>
    public bool RelaxStaffTwoFactorForDemo { get; set; }

    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A staff session unused this long ends (auditors, program admins, platform admins).</summary>
    public TimeSpan IdleTimeoutStaff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Anyone else's session unused this long ends.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(2);
}

/// <summary>
/// The staff two-factor rule, in one place: staff (auditors, program admins, platform admins) act as staff only with an
/// authenticator app enrolled. The authorization requirement below and <c>TenantAccess</c> both ask it, so a page, an
/// endpoint and a service method answer the same way.
/// </summary>
public sealed class StaffTwoFactorRule(IOptions<SecurityOptions> options, IHostEnvironment environment)
{
    public static bool IsStaff(ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == CertifyClaims.BodyStaff) || user.IsInRole(CertifyClaims.PlatformAdminRole);

    /// <summary>True when the user has an authenticator enrolled, or the Development-only demo relaxation is on.</summary>
    public bool MayActAsStaff(ClaimsPrincipal user) =>
        (options.Value.RelaxStaffTwoFactorForDemo && environment.IsDevelopment())
        || user.HasClaim(CertifyClaims.TwoFactorEnabled, "true");
}

/// <summary>
/// Part of the default policy, so every endpoint and page that needs sign-in sends staff without an authenticator to
/// enrol one; people who are not staff pass.
/// </summary>
public sealed class StaffTwoFactorRequirement : IAuthorizationRequirement;

public sealed class StaffTwoFactorHandler(StaffTwoFactorRule rule) : AuthorizationHandler<StaffTwoFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffTwoFactorRequirement requirement)
    {
        if (!StaffTwoFactorRule.IsStaff(context.User) || rule.MayActAsStaff(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// A signed-in staff member who fails only the two-factor requirement is sent to enrol an authenticator app
/// instead of being shown "access denied".
/// </summary>
public sealed class StaffTwoFactorResultHandler : IAuthorizationMiddlewareResultHandler
{
    public const string EnrolmentPath = "/Account/Manage/EnableAuthenticator";
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure is { } failure
            && failure.FailedRequirements.Any()
            && failure.FailedRequirements.All(r => r is StaffTwoFactorRequirement))
        {
            var returnUrl = Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString);
            context.Response.Redirect($"{EnrolmentPath}?required=true&returnUrl={returnUrl}");
            return Task.CompletedTask;
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
