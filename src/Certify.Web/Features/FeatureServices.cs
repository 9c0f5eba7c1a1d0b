using Certify.Web.Features.Tenancy;

namespace Certify.Web.Features;

public static class FeatureServices
{
    public static IServiceCollection AddCertifyFeatures(this IServiceCollection services)
    {
        services.AddScoped<TenantAccess>();
        return services;
    }
}
