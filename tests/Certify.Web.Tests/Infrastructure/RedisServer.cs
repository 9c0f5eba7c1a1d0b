using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> of the test class's own, on a free port of 127.0.0.1, without persistence; the test can
/// kill it and start it again on the same port. Without the program the tests using it are skipped
/// (<see cref="RedisFactAttribute"/>), except under CI=true, where they fail.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public const string MissingMessage = "redis-server is not installed (apt-get install -y redis-server); Redis tests skipped.";

    private static readonly string[] Candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private Process? _process;

    public static string? Executable => Candidates.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists);

    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis configuration string for <c>Cache:Redis</c>.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        if (Executable is null)
        {
            if (RedisFactAttribute.IsCi)
            {
                throw new InvalidOperationException(MissingMessage);
            }

            return;
        }

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await StartAsync();
    }

    /// <summary>Starts the server (again) on <see cref="Port"/> and returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Waits for the state (a connection accepted), bounded so a broken server fails the test instead of hanging it.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(20) && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash or a lost node would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public Task DisposeAsync()
    {
        Kill();
        return Task.CompletedTask;
    }
}

/// <summary>A test that needs <see cref="RedisServer"/>: skipped with a reason when redis-server is missing, except in CI.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Executable is null && !IsCi)
        {
            Skip = RedisServer.MissingMessage;
        }
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
