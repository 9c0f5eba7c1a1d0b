using System.Security.Claims;
using Certify.Web.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Certify.Web.Components.Account;

/// <summary>
/// Re-checks the session of every interactive circuit each minute against its server-side record, so a user who
/// signed out elsewhere, was disabled, changed their password or went idle loses the open page within a minute:
/// the circuit's user becomes anonymous and the router sends them to sign in.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        UserSessions sessions,
        SessionCircuitActivity activity,
        IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        return UserSessions.SessionId(principal) is { } id
            && principal.FindFirstValue(options.Value.ClaimsIdentity.UserIdClaimType) is { } userId
            && await sessions.ValidateAsync(id, userId, UserSessions.IsStaff(principal), seen: activity.Take(), cancellationToken);
    }
}
