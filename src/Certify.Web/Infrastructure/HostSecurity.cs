using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;

namespace Certify.Web.Infrastructure;

/// <summary>
/// What the app believes about the request's origin. The host: outside Development only <c>App:PublicUrl</c>'s host
/// (plus any listed in <c>AllowedHosts</c> other than <c>*</c>) is answered, and links in e-mails never come from
/// the request anyway. The client: <c>X-Forwarded-For</c>/<c>-Proto</c> are believed only from the proxies listed
/// in <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR), and
/// loopback; so the rate limiter partitions on the real client behind a proxy, and nobody else can choose their
/// address. HSTS: one year, subdomains included.
/// </summary>
public static class HostSecurity
{
    public static IServiceCollection AddCertifyHostSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var knownProxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var knownNetworks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in knownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in knownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        if (!environment.IsDevelopment())
        {
            var publicHost = new Uri(PublicUrl.Base(configuration)).Host;
            services.PostConfigure<HostFilteringOptions>(options =>
            {
                var hosts = options.AllowedHosts.Where(h => h != "*").Append(publicHost).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                options.AllowedHosts = hosts;
            });
        }

        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return services;
    }
}
