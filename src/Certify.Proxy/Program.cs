using Certify.Proxy;

// The reverse proxy in front of a Certify cluster: YARP with cookie session affinity (a Blazor circuit and its
// negotiation stay on one node), WebSockets passed through, X-Forwarded-For/-Proto set, the original Host kept, and
// nodes taken out of rotation by an active check of /health/live. Nodes are listed under
// ReverseProxy:Clusters:certify:Destinations (appsettings.json or environment variables).
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServedByHeader(builder.Configuration);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
