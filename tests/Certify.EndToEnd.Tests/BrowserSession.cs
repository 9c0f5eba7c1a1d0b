using Certify.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Certify.EndToEnd.Tests;

/// <summary>One test's browser context and page, with the helpers every journey needs.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ITestOutputHelper _output;
    private readonly string _testName;

    internal BrowserSession(IBrowserContext context, IPage page, ITestOutputHelper output, string testName)
    {
        _context = context;
        Page = page;
        _output = output;
        _testName = testName;
        Page.PageError += OnPageError;
        Page.Console += OnConsole;
    }

    public IPage Page { get; }

    /// <summary>
    /// <c>SCREENSHOTS_DIR</c> when set, else <c>tests/Certify.EndToEnd.Tests/bin/screenshots</c>
    /// (two levels above <c>bin/&lt;Configuration&gt;/&lt;tfm&gt;/</c>).
    /// </summary>
    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "screenshots"));

    /// <summary>
    /// Signs in through the login page with the demo password; with <paramref name="authenticatorKey"/> it also enters
    /// the current authenticator code. Ends once the browser has left the account pages.
    /// </summary>
    public async Task SignInAsync(string email, string password, string? authenticatorKey = null)
    {
        await GotoAsync("Account/Login");
        await Page.FillAsync("#Input\\.Email", email);
        await Page.FillAsync("#Input\\.Password", password);
        await Page.ClickAsync("#login-submit");
        if (authenticatorKey is not null)
        {
            await Page.FillAsync("#Input\\.TwoFactorCode", Totp.Code(authenticatorKey, DateTimeOffset.UtcNow));
            await Page.ClickAsync("#login-2fa-submit");
        }

        await Assertions.Expect(Page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/"));
    }

    /// <summary>Opens <paramref name="path"/> (relative to the app's root) and waits until blazor.web.js has loaded.</summary>
    public async Task GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status.ToString() ?? "nothing"}.");
        await WaitForBlazorAsync();
    }

    /// <summary>
    /// Waits until blazor.web.js has loaded and, on an interactive page (one with <c>CircuitReady</c>), until its
    /// circuit is connected: a click on the prerendered page before that would be lost.
    /// </summary>
    public Task WaitForBlazorAsync() =>
        Page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('[data-circuit=pending]') === null");

    /// <summary>
    /// Checks the page with axe-core at 390 px and 1280 px (fails on serious or critical WCAG A/AA violations), then
    /// saves a PNG (the full page, or only the viewport) named <c>&lt;test&gt;-&lt;step&gt;.png</c> and prints its path.
    /// Every page a journey visits is screenshotted, so every page is checked.
    /// </summary>
    public async Task<string> ScreenshotAsync(string step, bool fullPage = true)
    {
        await AccessibilityCheck.AssertNoSeriousViolationsAsync(Page, step);
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, $"{_testName}-{step}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        _output.WriteLine($"Screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        Page.PageError -= OnPageError;
        Page.Console -= OnConsole;
        await _context.DisposeAsync();
    }

    private void OnPageError(object? sender, string error) => _output.WriteLine($"Page error: {error}");

    private void OnConsole(object? sender, IConsoleMessage message)
    {
        if (message.Type is "error" or "warning")
        {
            _output.WriteLine($"Browser console {message.Type}: {message.Text}");
        }
    }
}
