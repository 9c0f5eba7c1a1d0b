using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Certify.Web.Features.Buyers;

public sealed class WebhookOptions
{
    /// <summary>
    /// Lets webhooks go to <c>http://</c> loopback addresses (a receiver on the same machine). Only the tests and
    /// Development turn it on; in production a target must be <c>https://</c> on a public address.
    /// </summary>
    public bool AllowInsecureLoopback { get; set; }
}

/// <summary>Why a webhook address was refused.</summary>
public enum WebhookTargetError
{
    None,
    Invalid,
    NotHttps,
    PrivateAddress,
    Unresolvable,
}

/// <summary>
/// Keeps webhooks from reaching inside the network (server-side request forgery): a target must be an absolute
/// <c>https://</c> URL whose host resolves only to public addresses — not private (10/8, 172.16/12, 192.168/16,
/// 100.64/10, fc00::/7), loopback, link-local (169.254/16 — cloud metadata —, fe80::/10), unspecified, multicast,
/// documentation or benchmark ranges, also when written as IPv4-mapped IPv6. The check runs when the endpoint is
/// registered and again on every connection (<see cref="ConnectAsync"/>), against the address actually dialled, so
/// a name that later resolves elsewhere (DNS rebinding) is refused too.
/// </summary>
public sealed class WebhookTargetGuard(IOptions<WebhookOptions> options)
{
    public const int MaxUrlLength = 2000;

    private bool AllowLoopback => options.Value.AllowInsecureLoopback;

    public async Task<WebhookTargetError> CheckAsync(string? url, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return WebhookTargetError.Invalid;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            return WebhookTargetError.Unresolvable;
        }

        if (addresses.Length == 0)
        {
            return WebhookTargetError.Unresolvable;
        }

        var loopbackOnly = addresses.All(IPAddress.IsLoopback);
        if (uri.Scheme != "https" && !(AllowLoopback && loopbackOnly))
        {
            return WebhookTargetError.NotHttps;
        }

        return addresses.All(Allowed) ? WebhookTargetError.None : WebhookTargetError.PrivateAddress;
    }

    /// <summary>The connection callback of the webhooks' HTTP handler: dials only an allowed address of the host.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, ct);
        var target = addresses.FirstOrDefault(Allowed)
            ?? throw new HttpRequestException($"The webhook host {context.DnsEndPoint.Host} resolves only to addresses that are not allowed.");
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool Allowed(IPAddress address) => IsPublic(address) || (AllowLoopback && IPAddress.IsLoopback(address));

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);

    /// <summary>Whether an address is on the public internet (not private, loopback, link-local or otherwise special).</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 100 && b[1] is >= 64 and <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 198 && b[1] is 18 or 19)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var v6 = address.GetAddressBytes();
        return !(address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (v6[0] & 0xFE) == 0xFC
            || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0D && v6[3] == 0xB8)
            || (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xFF && v6[3] == 0x9B));
    }
}
