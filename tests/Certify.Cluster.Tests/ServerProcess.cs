using System.Diagnostics;

namespace Certify.Cluster.Tests;

/// <summary>
/// One published app (a Certify node or the proxy) run as its own process with <c>dotnet app.dll</c>, its output
/// appended to a log file, on a fixed loopback port chosen up front so it can be restarted on the same address.
/// </summary>
public sealed class ServerProcess(string name, string appFolder, string dll, int port, IReadOnlyDictionary<string, string> environment, string logFile)
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    private Process? _process;

    public string Name { get; } = name;

    /// <summary>Root URL with a trailing slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public string BaseUrl { get; } = $"http://127.0.0.1:{port}/";

    /// <summary>Process ids of every start of this server, oldest first (Hangfire names its servers after them).</summary>
    public List<int> ProcessIds { get; } = [];

    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"{Name} is not running.");

    public bool IsRunning => _process is { HasExited: false };

    public string LogFile { get; } = logFile;

    /// <summary>Starts the process and waits until <paramref name="readyPath"/> answers 200.</summary>
    public async Task StartAsync(string readyPath, TimeSpan timeout)
    {
        // exec keeps the pid, so the process we hold is the app itself (kill -9 reaches it) and its output goes to the log.
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = appFolder,
            UseShellExecute = false,
            ArgumentList = { "-c", "exec dotnet \"$0\" >>\"$1\" 2>&1", Path.Combine(appFolder, dll), LogFile },
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = BaseUrl.TrimEnd('/');
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start.");
        ProcessIds.Add(_process.Id);

        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting.\n{Tail()}");
            }

            try
            {
                using var response = await Probe.GetAsync(new Uri(new Uri(BaseUrl), readyPath));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not answer {readyPath} within {timeout.TotalSeconds:0} s.\n{Tail()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>kill -9: no shutdown, no flushing, jobs in flight interrupted.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            // On Unix, Process.Kill sends SIGKILL.
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>The last lines of the log, for a failure message.</summary>
    public string Tail(int lines = 40)
    {
        if (!File.Exists(LogFile))
        {
            return $"--- {Name}: no log ---";
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n');
        return $"--- {Name} ({LogFile}), last {lines} lines ---\n" + string.Join('\n', all.TakeLast(lines));
    }
}
