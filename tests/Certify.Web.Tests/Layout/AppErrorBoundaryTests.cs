using System.Globalization;
using Bunit;
using Certify.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Certify.Web.Tests.Layout;

/// <summary>The layout's error boundary: a failing page shows a translated message with a retry, and the error is logged.</summary>
public sealed class AppErrorBoundaryTests : BunitContext
{
    private readonly RecordingLoggerProvider _logs = new();

    public AppErrorBoundaryTests()
    {
        Services.AddLocalization();
        Services.AddLogging(logging => logging.AddProvider(_logs));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void ChildThrows_Spanish_ShowsFriendlyMessageAndLogsTheError()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-MX");
        var failing = new FailingSwitch { Fail = true };

        var boundary = RenderBoundary(failing);

        var alert = boundary.Find("[role=alert]");
        Assert.Contains("Algo salió mal en esta parte de la página", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal("Reintentar", boundary.Find("[role=alert] button").TextContent.Trim());
        Assert.DoesNotContain("Page content", boundary.Markup, StringComparison.Ordinal);
        var logged = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(logged.Exception);
        Assert.Equal("The page failed", logged.Exception!.Message);
    }

    [Fact]
    public void ChildThrows_English_ShowsEnglishMessage()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-US");

        var boundary = RenderBoundary(new FailingSwitch { Fail = true });

        Assert.Contains("Something went wrong in this part of the page", boundary.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Try again", boundary.Find("[role=alert] button").TextContent.Trim());
    }

    [Fact]
    public void Retry_AfterTheCauseIsGone_ShowsThePageAgain()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-MX");
        var failing = new FailingSwitch { Fail = true };
        var boundary = RenderBoundary(failing);

        failing.Fail = false;
        boundary.Find("[role=alert] button").Click();

        Assert.Empty(boundary.FindAll("[role=alert]"));
        Assert.Contains("Page content", boundary.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ChildThrows_StaticRendering_OffersALinkThatReloadsThePage()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-MX");
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var boundary = RenderBoundary(new FailingSwitch { Fail = true });

        var retry = boundary.Find("[role=alert] a");
        Assert.Equal("Reintentar", retry.TextContent.Trim());
        Assert.Equal(Services.GetRequiredService<NavigationManager>().Uri, retry.GetAttribute("href"));
        Assert.Empty(boundary.FindAll("[role=alert] button"));
    }

    /// <summary>
    /// Every interactive page is its own root, outside the layout's boundary; each must put one around its screen, so a
    /// failure inside it shows the message instead of ending the circuit.
    /// </summary>
    public static TheoryData<Type> InteractivePages()
    {
        var pages = typeof(AppErrorBoundary).Assembly.GetTypes()
            .Where(t => t.IsDefined(typeof(RouteAttribute), false) && t.IsDefined(typeof(RenderModeAttribute), true))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        return [.. pages];
    }

    [Fact]
    public void InteractivePages_AreFound()
    {
        Assert.True(InteractivePages().Count >= 3);
    }

    [Theory]
    [MemberData(nameof(InteractivePages))]
    public void InteractivePage_ScreenThrows_ShowsTheMessageInsteadOfEndingTheCircuit(Type page)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-MX");
        ComponentFactories.Add(type => type != page && type != typeof(AppErrorBoundary), _ => new FailingScreen());

        var rendered = Render(builder =>
        {
            builder.OpenComponent(0, page);
            builder.CloseComponent();
        });

        Assert.Contains("Algo salió mal en esta parte de la página", rendered.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Exception?.Message == "The screen failed");
    }

    private IRenderedComponent<AppErrorBoundary> RenderBoundary(FailingSwitch failing) =>
        Render<AppErrorBoundary>(p => p.AddChildContent<FailingPage>(c => c.Add(x => x.Switch, failing)));

    private sealed class FailingSwitch
    {
        public bool Fail { get; set; }
    }

    private sealed class FailingPage : ComponentBase
    {
        [Parameter]
        public FailingSwitch Switch { get; set; } = new();

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            if (Switch.Fail)
            {
                throw new InvalidOperationException("The page failed");
            }

            builder.AddContent(0, "Page content");
        }
    }

    /// <summary>Stands in for a page's screen and fails as it receives its parameters, like a load that throws.</summary>
    private sealed class FailingScreen : IComponent
    {
        public void Attach(RenderHandle renderHandle)
        {
        }

        public Task SetParametersAsync(ParameterView parameters) => Task.FromException(new InvalidOperationException("The screen failed"));
    }

    private sealed record LogEntry(LogLevel Level, Exception? Exception);

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public List<LogEntry> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) =>
            categoryName == typeof(AppErrorBoundary).FullName ? new RecordingLogger(Entries) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }
    }

    private sealed class RecordingLogger(List<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Add(new LogEntry(logLevel, exception));
    }
}
