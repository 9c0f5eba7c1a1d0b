using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace Certify.Proxy;

/// <summary>
/// With <c>Proxy:ServedByHeader</c> set (e.g. <c>X-Served-By</c>), every proxied response names the destination that
/// answered it: for diagnosing stickiness in a test or a staging cluster. Off by default, so production responses do
/// not describe the cluster's inside.
/// </summary>
public static class ServedByHeader
{
    public static IReverseProxyBuilder AddServedByHeader(this IReverseProxyBuilder proxy, IConfiguration configuration)
    {
        var header = configuration["Proxy:ServedByHeader"];
        if (string.IsNullOrWhiteSpace(header))
        {
            return proxy;
        }

        return proxy.AddTransforms(transforms => transforms.AddResponseTransform(context =>
        {
            if (context.HttpContext.Features.Get<IReverseProxyFeature>()?.ProxiedDestination is { } destination)
            {
                context.HttpContext.Response.Headers[header] = destination.DestinationId;
            }

            return ValueTask.CompletedTask;
        }));
    }
}
