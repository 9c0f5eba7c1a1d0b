using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;

namespace Certify.Web.Infrastructure;

/// <summary>
/// Blazor's static rendering persists an antiforgery token into every page (for interactive components that might
/// post), and storing it sets the antiforgery cookie and <c>Cache-Control: no-store</c>: a page could then never be
/// output-cached. On an output-cached page (<see cref="OutputCacheAttribute"/>) an anonymous visitor posts no form, so
/// the token is only read, never stored: no cookie, no no-store. Signed-in visitors, whom the cache never serves, and
/// every other page keep the standard behaviour.
/// </summary>
public sealed class CachedPageAntiforgery(IAntiforgery inner) : IAntiforgery
{
    public static IServiceCollection AddCachedPageAntiforgery(IServiceCollection services)
    {
        services.AddAntiforgery();
        var registered = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.Remove(registered);
        services.AddSingleton<IAntiforgery>(sp => new CachedPageAntiforgery((IAntiforgery)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
        return services;
    }

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        IsCachedAnonymousPage(httpContext) ? inner.GetTokens(httpContext) : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    private static bool IsCachedAnonymousPage(HttpContext httpContext) =>
        HttpMethods.IsGet(httpContext.Request.Method)
        && httpContext.User.Identity?.IsAuthenticated != true
        && httpContext.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>() is not null;
}
