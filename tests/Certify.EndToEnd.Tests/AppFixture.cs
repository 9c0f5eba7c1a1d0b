using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Certify.EndToEnd.Tests;

/// <summary>
/// The real app on a free port of 127.0.0.1 (Kestrel, not the in-memory test server, so a browser can reach it),
/// in Development with the demo seed, over a fresh data folder that is deleted afterwards.
/// </summary>
public sealed partial class AppFixture : IAsyncLifetime
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private CertifyAppFactory? _factory;

    public AppFixture()
    {
        DataDirectory = Directory.CreateTempSubdirectory("certify-e2e-").FullName;
    }

    /// <summary>Root URL with a trailing slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The app's <c>Storage:DataDirectory</c> (SQLite databases, uploads).</summary>
    public string DataDirectory { get; }

    /// <summary>Where the app drops outgoing e-mail as .eml files (no SMTP host is configured).</summary>
    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    /// <summary>The app's root services, for tests that need to arrange data directly.</summary>
    public IServiceProvider Services => Factory.Services;

    private CertifyAppFactory Factory => _factory ?? throw new InvalidOperationException("The app has not started yet.");

    public Task InitializeAsync()
    {
        // Links in e-mails come from App:PublicUrl, so the port is chosen before the app starts and given to it.
        var port = FreePort();
        _factory = new CertifyAppFactory(DataDirectory, $"http://127.0.0.1:{port}");
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseUrl = address.TrimEnd('/') + "/";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>An HTTP client for the running app that neither follows redirects nor keeps cookies.</summary>
    public HttpClient CreateHttpClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(BaseUrl) };

    /// <summary>Waits until a message to <paramref name="to"/> that satisfies <paramref name="match"/> is in the pickup folder.</summary>
    public async Task<MimeMessage> WaitForEmailAsync(string to, Func<MimeMessage, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = ReadEmailsTo(to).FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow >= deadline)
            {
                var subjects = ReadEmailsTo(to).Select(m => m.Subject).ToList();
                throw new TimeoutException(
                    $"No matching e-mail to {to} in {MailDirectory} after {timeout.TotalSeconds:0} s; "
                    + $"{subjects.Count} other message(s) to that address: [{string.Join(" | ", subjects)}].");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>
    /// Waits for an e-mail to <paramref name="to"/> whose HTML body has a link containing <paramref name="linkContains"/>
    /// and returns that link, HTML-decoded (ready to open).
    /// </summary>
    public async Task<string> WaitForEmailLinkAsync(string to, string linkContains, TimeSpan timeout)
    {
        var message = await WaitForEmailAsync(to, m => FindLink(m, linkContains) is not null, timeout);
        return FindLink(message, linkContains)!;
    }

    /// <summary>Every message in the pickup folder addressed to <paramref name="to"/>, oldest first.</summary>
    public IReadOnlyList<MimeMessage> ReadEmailsTo(string to)
    {
        if (!Directory.Exists(MailDirectory))
        {
            return [];
        }

        // The transport writes "<name>.eml.tmp" and renames it, so a listed .eml is always complete.
        return Directory.GetFiles(MailDirectory, "*.eml")
            .Order(StringComparer.Ordinal)
            .Select(file => MimeMessage.Load(file))
            .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    private static string? FindLink(MimeMessage message, string linkContains) =>
        message.HtmlBody is { } html
            ? HrefPattern().Matches(html)
                .Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value))
                .FirstOrDefault(href => href.Contains(linkContains, StringComparison.Ordinal))
            : null;

    [GeneratedRegex(@"href\s*=\s*""(?<href>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex HrefPattern();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class CertifyAppFactory(string dataDirectory, string publicUrl) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // UseSetting reaches the host configuration, which Program.cs already reads before builder.Build().
            builder.UseEnvironment("Development");
            builder.UseSetting("Storage:DataDirectory", dataDirectory);
            builder.UseSetting("Seed:Demo", "true");
            builder.UseSetting("Security:RelaxStaffTwoFactorForDemo", "false");
            builder.UseSetting("App:PublicUrl", publicUrl);
        }
    }
}
