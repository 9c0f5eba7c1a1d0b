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

/// <summary>Staff (auditors, program admins, platform admins) must have an authenticator app enrolled.</summary>
public sealed class StaffTwoFactorRequirement : IAuthorizationRequirement;

public sealed class StaffTwoFactorHandler(IOptions<SecurityOptions> options, IHostEnvironment environment)
    : AuthorizationHandler<StaffTwoFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffTwoFactorRequirement requirement)
    {
        var relaxed = options.Value.RelaxStaffTwoFactorForDemo && environment.IsDevelopment();
        if (relaxed || context.User.HasClaim(CertifyClaims.TwoFactorEnabled, "true"))
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
