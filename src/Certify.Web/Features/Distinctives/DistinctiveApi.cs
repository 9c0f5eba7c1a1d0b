using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives.Credentials;
using Certify.Web.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;

namespace Certify.Web.Features.Distinctives;

/// <summary>The limit on anonymous public endpoints, per client IP (<c>RateLimits:*</c>).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests one client may make per window.</summary>
    public int PermitLimit { get; set; } = 120;

    /// <summary>
    /// Requests one client may make per window to the HTML verification page (<c>/verificar/{code}</c>): generous for
    /// a person checking a few codes, a wall for a script trying them all.
    /// </summary>
    public int VerifyPagePermitLimit { get; set; } = 60;

    /// <summary>Length of the fixed window, in seconds.</summary>
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>A program in the API: its code and names.</summary>
public sealed record ApiProgram(string Code, string NameEs, string NameEn);

/// <summary>A topic in the API: the section code and its titles.</summary>
public sealed record ApiTopic(string Code, string TitleEs, string TitleEn);

/// <summary>The public status of a distinctive, as <c>GET /api/v1/distinctives/{code}</c> answers it.</summary>
public sealed record ApiDistinctiveStatus(
    string Number,
    string VerificationCode,
    string Status,
    string Company,
    string Rfc,
    string State,
    ApiProgram Program,
    string Level,
    IReadOnlyList<ApiTopic> Topics,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    DateOnly LastValidDay,
    string Issuer,
    DateTimeOffset? SuspendedAt,
    DateTimeOffset? RevokedAt,
    string? Reason,
    string VerificationUrl);

/// <summary>One registry row in the API.</summary>
public sealed record ApiRegistryRow(
    string Number, string VerificationCode, string Status, string Company, string Rfc, string State, string Program, string Level,
    DateTimeOffset ValidFrom, DateTimeOffset ValidUntil);

/// <summary>A page of the registry in the API, with the counts by state and level of everything that matches.</summary>
public sealed record ApiRegistryPage(
    int Page, int PageSize, int Total, int Pages, IReadOnlyList<ApiRegistryRow> Items,
    IReadOnlyDictionary<string, int> CountsByState, IReadOnlyDictionary<string, int> CountsByLevel);

/// <summary>
/// The public, versioned API (<c>/api/v1</c>) and the status badge: anonymous, rate limited per client IP (429 with
/// <c>Retry-After</c>) and output-cached with tags that <see cref="DistinctiveCache"/> evicts when a status changes.
/// </summary>
public static class DistinctiveApi
{
    /// <summary>The rate-limiter policy of every anonymous public endpoint.</summary>
    public const string RateLimitPolicy = "public";

    /// <summary>The rate-limiter policy of the HTML verification page (set on the page component, not on every page).</summary>
    public const string VerifyPageRateLimitPolicy = "verify-page";

    /// <summary>Seconds a public answer may be served from the output cache (and by browsers, for the badge).</summary>
    public const int CacheSeconds = 60;

    /// <summary>
    /// Output-cache policy of the verification page <c>/verificar/{code}</c>: per code (tagged like the API, so a status
    /// change evicts it) and per language.
    /// </summary>
    public const string VerifyPageCachePolicy = "verify-page";

    /// <summary>Output-cache policy of the registry page: only its first page (no query), per language, evicted with the registry.</summary>
    public const string RegistryPageCachePolicy = "registry-page";

    public static IServiceCollection AddDistinctiveApi(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(options =>
        {
            // The default answer is 503, which tells clients the server is down; 429 tells them to slow down.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                // An API client gets the bare 429, not the HTML "not found" page the status-code pages would re-execute
                // (which, for a POST with JSON, fails reading a form and answers 400).
                if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                {
                    pages.Enabled = false;
                }

                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter =
                        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            // Per client IP: behind a proxy, UseForwardedHeaders has already put the client's address there (only for
            // the proxies configured under ForwardedHeaders).
            options.AddPolicy(RateLimitPolicy, context => PerClient(context, RateLimitPolicy, limits.PermitLimit, limits.WindowSeconds));
            options.AddPolicy(VerifyPageRateLimitPolicy, context => PerClient(context, VerifyPageRateLimitPolicy, limits.VerifyPagePermitLimit, limits.WindowSeconds));
        });
        services.AddCertifySharedCache(configuration, TimeSpan.FromSeconds(CacheSeconds));
        // Signed-in visitors are never served from (nor stored in) the cache (the default policy), so a cached page is
        // always the anonymous one; its language is the visitor's culture (cookie) as resolved by request localization.
        services.AddOutputCache(options =>
        {
            options.AddPolicy(VerifyPageCachePolicy, policy => policy.AddPolicy<DistinctiveTagPolicy>().VaryByValue(PageLanguage));
            options.AddPolicy(RegistryPageCachePolicy, policy => policy.AddPolicy<FirstPageOnlyPolicy>().Tag(DistinctiveCache.RegistryTag).VaryByValue(PageLanguage));
        });
        services.AddOpenApi(options => options.ShouldInclude = description =>
            description.RelativePath is { } path && (path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("badge/", StringComparison.Ordinal)));
        return services;
    }

    private static KeyValuePair<string, string> PageLanguage(HttpContext context) => new("lang", CultureInfo.CurrentUICulture.Name);

    private static RateLimitPartition<string> PerClient(HttpContext context, string policy, int permitLimit, int windowSeconds) =>
        SharedRateLimit.FixedWindow(context, policy, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", permitLimit, TimeSpan.FromSeconds(windowSeconds));

    public static WebApplication MapDistinctiveApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").AllowAnonymous().RequireRateLimiting(RateLimitPolicy).WithTags("Public API");

        api.MapGet("/ping", () => TypedResults.Ok(new Ping(true)))
            .WithName("Ping").WithSummary("A constant answer, to compare throughput with.");

        api.MapGet("/distinctives/{code}", async (string code, DistinctiveUrls urls, DistinctiveLookupService lookup, CancellationToken ct) =>
                await lookup.FindAsync(code, ct) is { } details
                    ? Results.Json(ToApi(details, urls))
                    : NotFound(code))
            .CacheOutput(policy => policy.AddPolicy<DistinctiveTagPolicy>())
            .WithName("GetDistinctive").WithSummary("The current status of a distinctive, by verification code.")
            .Produces<ApiDistinctiveStatus>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/distinctives/{code}/credential", async (string code, DistinctiveLookupService lookup, CancellationToken ct) =>
                await lookup.CredentialAsync(code, ct) is { } jwt
                    ? Results.Bytes(Encoding.ASCII.GetBytes(jwt), Es256Jws.MediaType)
                    : NotFound(code))
            .CacheOutput(policy => policy.AddPolicy<DistinctiveTagPolicy>())
            .WithName("GetDistinctiveCredential").WithSummary("The signed credential (W3C VC 2.0 secured as vc+jwt).")
            .Produces<string>(StatusCodes.Status200OK, Es256Jws.MediaType).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/registry", async (string? query, string? state, string? status, string? program, string? level, string? page,
                RegistryService registry, CancellationToken ct) =>
                TypedResults.Ok(ToApi(await registry.SearchAsync(RegistryFilter.FromQuery(query, state, program, level, status, page), ct))))
            .CacheOutput(policy => policy.Tag(DistinctiveCache.RegistryTag).SetVaryByQuery("*"))
            .WithName("SearchRegistry").WithSummary("The public registry: search, filters, 20 per page, counts by state and level.");

        app.MapGet("/badge/{file}", async (string file, string? lang, HttpContext http, DistinctiveLookupService lookup, CancellationToken ct) =>
            {
                var code = file.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ? file[..^4] : file;
                var details = await lookup.FindAsync(code, ct);
                http.Response.Headers.CacheControl = $"public, max-age={CacheSeconds}";
                var svg = BadgeSvg.Render(details?.Status, string.Equals(lang, "en", StringComparison.OrdinalIgnoreCase));
                return Results.Text(svg, BadgeSvg.MediaType, Encoding.UTF8, details is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .CacheOutput(policy => policy.AddPolicy<DistinctiveTagPolicy>().SetVaryByQuery("lang"))
            .WithTags("Public API").WithName("GetBadge").WithSummary("A small SVG badge with the live status, for a company's website.")
            .Produces<string>(StatusCodes.Status200OK, BadgeSvg.MediaType);

        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    /// <summary>The status word the API uses: camelCase of the enum (<c>active</c>, <c>expired</c>, …).</summary>
    public static string StatusName(DistinctiveStatus status)
    {
        var name = status.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static IResult NotFound(string code) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Distinctive not found",
        detail: $"No distinctive has the verification code '{code}'. Check the code: it has 13 characters, shown as XXXX-XXXX-XXXX-X.");

    private static ApiDistinctiveStatus ToApi(DistinctiveDetails d, DistinctiveUrls urls) => new(
        d.Number, d.Code.Format(), StatusName(d.Status), d.LegalName, d.Rfc, d.State.ToString(),
        new ApiProgram(d.ProgramCode, d.ProgramName.Es, d.ProgramName.En), d.Level,
        [.. d.Topics.Select(t => new ApiTopic(t.Code, t.Title.Es, t.Title.En))],
        d.ValidFrom, d.ValidUntil, d.LastDay, d.Issuer, d.SuspendedAt, d.RevokedAt,
        d.Status is DistinctiveStatus.Suspended or DistinctiveStatus.Revoked ? d.StatusReason : null,
        urls.Verify(d.Code));

    private static ApiRegistryPage ToApi(RegistryResult result) => new(
        result.Filter.Page, RegistryService.PageSize, result.Total, result.Pages,
        [.. result.Rows.Select(r => new ApiRegistryRow(
            r.Number, VerificationCodeText(r.VerificationCode), StatusName(r.Status), r.LegalName, r.Rfc, r.State.ToString(),
            r.ProgramCode, r.Level, r.ValidFrom, r.ValidUntil))],
        result.ByState.ToDictionary(c => c.Key.ToString(), c => c.Count),
        result.ByLevel.ToDictionary(c => c.Key, c => c.Count));

    private static string VerificationCodeText(string canonical) =>
        VerificationCode.TryParse(canonical, out var code) ? code.Format() : canonical;

    private sealed record Ping(bool Ok);
}

/// <summary>
/// Tags a cached answer with <c>distinctive:{canonical code}</c>, so however the code was typed in the URL, every
/// cached variant is evicted together (see <see cref="DistinctiveCache"/>).
/// </summary>
internal sealed class DistinctiveTagPolicy : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var raw = context.HttpContext.Request.RouteValues.TryGetValue("code", out var value) ? value as string
            : context.HttpContext.Request.RouteValues.TryGetValue("file", out var file) && file is string f && f.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ? f[..^4]
            : null;
        if (VerificationCode.TryParse(raw, out var code))
        {
            context.Tags.Add(DistinctiveCache.Tag(code.Value));
        }
        else
        {
            // Malformed codes are answered from the database each time rather than filling the cache.
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>A page cached only without a query string: searches and later pages are answered fresh.</summary>
internal sealed class FirstPageOnlyPolicy : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        if (context.HttpContext.Request.QueryString.HasValue)
        {
            context.EnableOutputCaching = false;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>
/// Evicts the cached public answers about a distinctive (status, credential, badge, verification page) and the
/// registry (its cached pages, the counts of <see cref="RegistryCountCache"/> and the transparency figures), in the
/// shared cache: with Redis, on every node at once.
/// </summary>
public sealed class DistinctiveCache(IOutputCacheStore store, CachedFigures figures)
{
    /// <summary>Tag of every cached registry page.</summary>
    public const string RegistryTag = "registry";

    public static string Tag(string canonicalCode) => $"distinctive:{canonicalCode}";

    /// <summary>After a distinctive's status changed.</summary>
    public async Task EvictAsync(string canonicalCode, CancellationToken ct)
    {
        await store.EvictByTagAsync(Tag(canonicalCode), ct);
        await EvictRegistryAsync(ct);
    }

    /// <summary>After the registry's content changed (a distinctive issued).</summary>
    public async Task EvictRegistryAsync(CancellationToken ct)
    {
        await figures.EvictAsync(ct);
        await store.EvictByTagAsync(RegistryTag, ct);
    }
}
