using System.Net;
using Certify.Web.Tests.Infrastructure;

namespace Certify.Web.Tests.Identity;

public sealed class LoginLockoutTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Login_FiveWrongPasswords_RefusesTheRightOneAndLocksFor15Minutes()
    {
        const string email = "bloqueo@example.com";
        await factory.CreateUserAsync(email);
        using var client = factory.CreateBrowserClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await factory.PostLoginAsync(client, email, $"contraseña-equivocada-{attempt}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var fifth = await factory.PostLoginAsync(client, email, "contraseña-equivocada-5");
        var lockedAt = DateTimeOffset.UtcNow;
        using var right = await factory.PostLoginAsync(client, email, CertifyWebFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/Account/Lockout", right.Headers.Location!.AbsolutePath);
        var lockoutEnd = await factory.WithUserManagerAsync(async users => (await users.FindByEmailAsync(email))!.LockoutEnd);
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd.Value, lockedAt.AddMinutes(14), lockedAt.AddMinutes(16));
        using var protectedPage = await client.GetAsync("/empresas/registrar");
        Assert.Equal("/Account/Login", protectedPage.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Login_FourWrongPasswords_StillAcceptsTheRightOne()
    {
        const string email = "casi-bloqueo@example.com";
        await factory.CreateUserAsync(email);
        using var client = factory.CreateBrowserClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await factory.PostLoginAsync(client, email, $"contraseña-equivocada-{attempt}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        await factory.SignInAsync(client, email);

        var user = await factory.WithUserManagerAsync(users => users.FindByEmailAsync(email));
        Assert.Null(user!.LockoutEnd);
        Assert.Equal(0, user.AccessFailedCount);
    }
}
