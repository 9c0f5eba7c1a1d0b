using Certify.Data;
using Certify.Web.Features.Exports;
using Certify.Web.Identity;
using Certify.Web.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Certify.Web.Features.Buyers;

/// <summary>Buyers' settings: the API's rate limit per key.</summary>
public sealed class BuyerApiOptions
{
    /// <summary>Batch requests one API key may make per minute (across the nodes when Redis is set; see SharedRateLimit).</summary>
    public int BatchPermitLimit { get; set; } = 60;
}

/// <summary>
/// The buyers' services and endpoints: <c>POST /api/v1/verify/batch</c> (API key), the supplier list export
/// <c>GET /compradores/{buyerId}/proveedores.{csv|xlsx}</c> (members; 404 for anyone else), and the webhooks' HTTP
/// client, which dials only what <see cref="WebhookTargetGuard"/> allows and follows no redirect.
/// </summary>
public static class BuyerEndpoints
{
    public const string BatchRateLimitPolicy = "buyer-api-key";

    public static IServiceCollection AddBuyers(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection("Webhooks"));
        services.Configure<BuyerApiOptions>(configuration.GetSection("BuyerApi"));
        services.AddSingleton<WebhookTargetGuard>();
        services.AddScoped<BuyerService>();
        services.AddScoped<IntegrationService>();
        services.AddScoped<BatchVerification>();
        services.AddTransient<BuyerAlertJob>();
        services.AddTransient<WebhookDeliveryJob>();
        services.AddHttpClient(WebhookDeliveryJob.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                ConnectCallback = provider.GetRequiredService<WebhookTargetGuard>().ConnectAsync,
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .ConfigureHttpClient(client => client.Timeout = Domain.Buyers.WebhookSchedule.TimeOut);
        var limit = configuration.GetSection("BuyerApi").Get<BuyerApiOptions>()?.BatchPermitLimit ?? new BuyerApiOptions().BatchPermitLimit;
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(BatchRateLimitPolicy, context => SharedRateLimit.FixedWindow(
            context, BatchRateLimitPolicy,
            PresentedKey(context) is { } key ? "key:" + IntegrationService.Hash(key) : "ip:" + context.Connection.RemoteIpAddress,
            limit, TimeSpan.FromMinutes(1))));
        return services;
    }

    public static IEndpointRouteBuilder MapBuyerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/verify/batch", async (BatchRequest? request, HttpContext context, IntegrationService integrations, BatchVerification batch, CancellationToken ct) =>
            {
                if (await integrations.AuthenticateAsync(PresentedKey(context), ct) is null)
                {
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid API key is required (Authorization: Bearer cfy_…).");
                }

                if (request?.Items is not { Count: > 0 and <= BatchVerification.MaxItems } items)
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                        title: $"Send {{\"items\": [...]}} with 1 to {BatchVerification.MaxItems} RFCs or verification codes.");
                }

                return Results.Ok(await batch.VerifyAsync(items, ct));
            })
            .AllowAnonymous()
            .RequireRateLimiting(BatchRateLimitPolicy)
            .WithTags("Buyer API")
            .WithSummary("Status of up to 1,000 suppliers by RFC or verification code (API key of a buyer organisation)")
            .Produces<BatchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        endpoints.MapGet("/compradores/{buyerId:int}/proveedores.{format}",
            async (int buyerId, string format, HttpContext context, BuyerService buyers, IStringLocalizer<Resources.Buyers> t,
                IDbContextFactory<CertifyDbContext> dbFactory, TimeProvider clock, CancellationToken ct) =>
            {
                if (!ExportDownload.TryFormat(format, out var exportFormat)
                    || await buyers.ListAsync(buyerId, WatchFilter.FromQuery(context.Request.Query["estatus"]), context.User, ct) is not { } list)
                {
                    return Results.NotFound();
                }

                await ExportDownload.AuditAsync(dbFactory, clock, context.User, "proveedores", exportFormat, null, ct);
                IReadOnlyList<ExportColumn<WatchRow>> columns =
                [
                    new(t["Col_Rfc"], ExportColumnType.Text, r => r.Rfc, 15),
                    new(t["Col_Company"], ExportColumnType.Text, r => r.Distinctive?.LegalName, 40),
                    new(t["Col_Number"], ExportColumnType.Text, r => r.Distinctive?.Number ?? t["NoDistinctive"], 22),
                    new(t["Col_Program"], ExportColumnType.Text, r => r.Distinctive?.ProgramCode, 12),
                    new(t["Col_Level"], ExportColumnType.Text, r => r.Distinctive?.Level, 8),
                    new(t["Col_Status"], ExportColumnType.Text, r => t[$"Status_{r.StatusKey}"].Value, 14),
                    new(t["Col_ValidUntil"], ExportColumnType.Date, r => r.Distinctive is { } d ? DisplayDates.Day(d.ValidUntil.AddTicks(-1)) : null),
                    new(t["Col_LastChange"], ExportColumnType.Date, r => r.Distinctive is { } d ? DisplayDates.Day(d.LastChange) : null),
                    new(t["Col_VerifyUrl"], ExportColumnType.Text, r => r.Distinctive is { } d ? $"{PublicUrl.Base(context.RequestServices.GetRequiredService<IConfiguration>())}/verificar/{d.VerificationCode}" : null, 50),
                ];
                return ExportDownload.File(exportFormat, "proveedores", t["Sheet_Suppliers"], columns, list.Rows, clock, ct);
            }).RequireAuthorization(Policies.SignedIn).PrivateNoStoreDownload();
        return endpoints;
    }

    /// <summary>The API key a request presents: <c>Authorization: Bearer …</c> or <c>X-Api-Key</c>.</summary>
    public static string? PresentedKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return context.Request.Headers["X-Api-Key"].ToString() is { Length: > 0 } key ? key.Trim() : null;
    }
}
