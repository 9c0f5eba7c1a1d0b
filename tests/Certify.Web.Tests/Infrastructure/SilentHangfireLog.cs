using Hangfire.Logging;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>
/// A Hangfire log provider that lives as long as the test process: tests run no Hangfire server, so its log lines
/// carry nothing a test reads.
/// </summary>
public sealed class SilentHangfireLog : ILogProvider, ILog
{
    public static readonly SilentHangfireLog Instance = new();

    private SilentHangfireLog()
    {
    }

    public ILog GetLogger(string name) => this;

    public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
}
