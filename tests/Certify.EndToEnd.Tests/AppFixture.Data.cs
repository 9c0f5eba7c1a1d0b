using Certify.Data;
using Certify.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.EndToEnd.Tests;

/// <summary>The running app's database and accounts, for arranging and checking what the browser cannot see.</summary>
public sealed partial class AppFixture
{
    public async Task<T> WithDbAsync<T>(Func<CertifyDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await Services.GetRequiredService<IDbContextFactory<CertifyDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Staff must use an authenticator: enrols one for the account (once) and returns its key, for the Totp helper.</summary>
    public async Task<string> EnrolAuthenticatorAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        return await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
    }
}
