namespace Certify.Web.Infrastructure;

/// <summary>
/// Response headers every page gets. The Content Security Policy follows Microsoft's Blazor guidance: scripts only
/// from this origin (no inline scripts), no plugins, no framing.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; base-uri 'self'; object-src 'none'; script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    /// <summary>Set in <see cref="HttpContext.Items"/> by an endpoint that sends its own CSP and framing headers.</summary>
    public const string OwnPolicy = "Certify.OwnSecurityPolicy";

    /// <summary>What a private download sends: no shared cache keeps it, and no browser cache writes it to disk.</summary>
    public const string PrivateNoStore = "private, no-store";

    /// <summary>
    /// Marks every answer of a private download endpoint (evidence, reports, certificates, credentials, exports,
    /// personal data) <see cref="PrivateNoStore"/>, whatever the handler returns.
    /// </summary>
    public static TBuilder PrivateNoStoreDownload<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = PrivateNoStore;
            context.HttpContext.Response.Headers.Pragma = "no-cache";
            return await next(context);
        });

    public static IApplicationBuilder UseCertifySecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;

                // An endpoint that set its own, stricter policy (an inline evidence view) keeps it.
                if (!context.Items.ContainsKey(OwnPolicy))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XFrameOptions = "DENY";
                }

                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            await next();
        });
}
