using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Certify.Web.Identity;

/// <summary>Adds what the authorization policies need; refreshed on every sign-in and RefreshSignInAsync.</summary>
public sealed class CertifyClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    IDbContextFactory<CertifyDbContext> dbFactory)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CertifyClaims.TwoFactorEnabled, user.TwoFactorEnabled ? "true" : "false"));
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new Claim(CertifyClaims.DisplayName, user.DisplayName.Trim()));
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.BodyMemberships.AnyAsync(m => m.UserId == user.Id && m.Active))
        {
            identity.AddClaim(new Claim(CertifyClaims.BodyStaff, "true"));
        }

        return identity;
    }
}
