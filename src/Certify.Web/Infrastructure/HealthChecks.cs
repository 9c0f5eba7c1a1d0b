using Certify.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Certify.Web.Infrastructure;

public static class HealthChecks
{
    private const string Ready = "ready";

    public static IServiceCollection AddCertifyHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<CertifyDbContext>("database", tags: [Ready])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [Ready])
            .AddCheck<SharedCacheHealthCheck>("cache", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapCertifyHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        return endpoints;
    }

    private sealed class MigrationsAppliedCheck(IDbContextFactory<CertifyDbContext> dbFactory) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}");
        }
    }
}
