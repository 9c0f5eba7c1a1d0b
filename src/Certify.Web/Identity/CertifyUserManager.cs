using Certify.Data.Entities;
using Certify.Domain.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Certify.Web.Identity;

/// <summary>
/// Ends every session of a user when an account change makes them untrustworthy, whoever makes the change: a
/// password reset, a role taken away, an account locked by an administrator. Lockout after failed sign-ins goes
/// through the store, not here, so someone guessing a password cannot sign the owner out.
/// </summary>
public sealed class CertifyUserManager(
    IUserStore<ApplicationUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ApplicationUser> passwordHasher,
    IEnumerable<IUserValidator<ApplicationUser>> userValidators,
    IEnumerable<IPasswordValidator<ApplicationUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ApplicationUser>> logger,
    UserSessions sessions,
    TimeProvider clock)
    : UserManager<ApplicationUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> ResetPasswordAsync(ApplicationUser user, string token, string newPassword) =>
        await EndSessionsIfSucceeded(await base.ResetPasswordAsync(user, token, newPassword), user, SessionEndReason.PasswordReset);

    public override async Task<IdentityResult> RemoveFromRoleAsync(ApplicationUser user, string role) =>
        await EndSessionsIfSucceeded(await base.RemoveFromRoleAsync(user, role), user, SessionEndReason.RoleRemoved);

    public override async Task<IdentityResult> RemoveFromRolesAsync(ApplicationUser user, IEnumerable<string> roles) =>
        await EndSessionsIfSucceeded(await base.RemoveFromRolesAsync(user, roles), user, SessionEndReason.RoleRemoved);

    public override async Task<IdentityResult> SetLockoutEndDateAsync(ApplicationUser user, DateTimeOffset? lockoutEnd)
    {
        var result = await base.SetLockoutEndDateAsync(user, lockoutEnd);
        return lockoutEnd > clock.GetUtcNow() ? await EndSessionsIfSucceeded(result, user, SessionEndReason.AccountLocked) : result;
    }

    private async Task<IdentityResult> EndSessionsIfSucceeded(IdentityResult result, ApplicationUser user, SessionEndReason reason)
    {
        if (result.Succeeded)
        {
            await sessions.EndAllAsync(user.Id, reason, keep: null, CancellationToken);
        }

        return result;
    }
}
