using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Certify.EndToEnd.Tests;

/// <summary>
/// One headless Debian Chromium for the whole run (Playwright's own browser download is not available here);
/// each test gets a fresh context through <see cref="NewSessionAsync"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly string MissingChromiumMessage = $"Chromium not found at {ChromiumPath}: apt-get install -y chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        // Without these Chromium keeps calling Google's hosts, which this network refuses.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static bool IsChromiumInstalled => File.Exists(ChromiumPath);

    /// <summary>CI sets CI=true; there a missing browser fails the browser tests instead of skipping them.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        if (!IsChromiumInstalled)
        {
            return;
        }

        // A cold Blazor circuit on a 2-core machine can take longer than Playwright's 5 s default.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>
    /// A new browser context (es-MX, 1280×900, reduced motion, fresh cookies, axe-core loaded in every document) with one page on
    /// <paramref name="baseUrl"/>.
    /// </summary>
    public async Task<BrowserSession> NewSessionAsync(string baseUrl, ITestOutputHelper output, [CallerMemberName] string testName = "")
    {
        var browser = _browser ?? throw new InvalidOperationException(MissingChromiumMessage);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = "es-MX",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            // Bootstrap then skips its colour transitions, so axe-core never measures a colour halfway through one.
            ReducedMotion = ReducedMotion.Reduce,
        });
        await context.AddInitScriptAsync(AccessibilityCheck.AxeSource);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, output, testName);
    }
}
