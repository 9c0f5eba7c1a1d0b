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

    /// <summary>Waits for the app's background jobs; the assertion is on the outcome, the timeout only bounds a failure.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The background jobs did not get there within 60 s.");
            await Task.Delay(250);
        }
    }
}
