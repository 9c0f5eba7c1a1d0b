using Certify.Data.Entities;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;

namespace Certify.Web.Identity;

public static class SessionServiceCollectionExtensions
{
    /// <summary>
    /// Server-side sessions: the records, the application cookie's checks against them, the user manager that ends
    /// them on account changes, and the circuit activity the revalidating auth-state provider reads. Call after
    /// the Identity registration, whose cookie events and user manager these replace.
    /// </summary>
    public static IServiceCollection AddCertifySessions(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<UserSessions>();
        services.AddScoped<CertifyUserManager>();
        services.AddScoped<UserManager<ApplicationUser>>(sp => sp.GetRequiredService<CertifyUserManager>());
        services.AddScoped<SessionCircuitActivity>();
        services.AddScoped<CircuitHandler, SessionCircuitHandler>();
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, cookie =>
        {
            cookie.Events.OnSigningIn = SessionCookieEvents.SigningInAsync;
            cookie.Events.OnValidatePrincipal = SessionCookieEvents.ValidatePrincipalAsync;
        });
        return services;
    }
}
