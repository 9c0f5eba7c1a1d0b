using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certify.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Certify.Cluster.Tests;

/// <summary>
/// Two published Certify nodes and the proxy in front of them, as separate processes on free loopback ports: one
/// PostgreSQL database (a fresh one on the given server, dropped at the end), one Redis, one shared file folder, one
/// shared mail pickup folder, the same Data Protection certificate (a PFX made here), a Hangfire server in each node.
/// Node A migrates and loads the demo seed before node B starts. The apps are published once (Release) into
/// <c>bin/cluster-apps</c>; the nodes run in Development, where the demo seed and its staff without an authenticator
/// are allowed, from the published output.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string ServedByHeader = "X-Served-By";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string _root = Directory.CreateTempSubdirectory("certify-cluster-").FullName;
    private string? _adminConnectionString;
    private string? _databaseName;

    public ServerProcess NodeA { get; private set; } = null!;

    public ServerProcess NodeB { get; private set; } = null!;

    public ServerProcess Proxy { get; private set; } = null!;

    /// <summary>The cluster's database (PostgreSQL).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The folder both nodes keep uploaded files in (<c>Files:LocalRoot</c>).</summary>
    public string FilesFolder => Path.Combine(_root, "files");

    /// <summary>The folder both nodes drop e-mail into (<c>Email:PickupDirectory</c>).</summary>
    public string MailFolder => Path.Combine(_root, "mail");

    public async Task InitializeAsync()
    {
        if (ClusterEnvironment.Missing is not null)
        {
            return;
        }

        var repository = RepositoryRoot();
        var apps = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "cluster-apps"));
        var web = Path.Combine(apps, "web");
        var proxy = Path.Combine(apps, "proxy");
        await PublishAsync(Path.Combine(repository, "src", "Certify.Web"), web);
        await PublishAsync(Path.Combine(repository, "src", "Certify.Proxy"), proxy);

        await CreateDatabaseAsync(ClusterEnvironment.PostgreSql!);
        var (certificate, password) = CreateDataProtectionCertificate();
        Directory.CreateDirectory(FilesFolder);
        Directory.CreateDirectory(MailFolder);

        var proxyPort = FreePort();
        var proxyUrl = $"http://127.0.0.1:{proxyPort}";
        Dictionary<string, string> Node(string name, bool seed) => new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Certify"] = ConnectionString,
            ["Cache__Redis"] = ClusterEnvironment.Redis!,
            ["Storage__DataDirectory"] = Path.Combine(_root, name),
            ["Files__LocalRoot"] = FilesFolder,
            ["Email__PickupDirectory"] = MailFolder,
            ["DataProtection__Certificate__Path"] = certificate,
            ["DataProtection__Certificate__Password"] = password,
            ["Jobs__RunServer"] = "true",
            // A job whose node died is handed to the other node after this (sliding: a live worker renews its claim).
            ["Jobs__InvisibilityTimeout"] = "00:00:15",
            // A Hangfire lock the killed node held (e.g. a job's state lock) is taken over after this (1 minute by default).
            ["Jobs__DistributedLockTimeout"] = "00:00:15",
            ["Seed__Demo"] = seed ? "true" : "false",
            ["App__PublicUrl"] = proxyUrl,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };

        NodeA = new ServerProcess("node A", web, "Certify.Web.dll", FreePort(), Node("node-a", seed: true), Path.Combine(_root, "node-a.log"));
        NodeB = new ServerProcess("node B", web, "Certify.Web.dll", FreePort(), Node("node-b", seed: false), Path.Combine(_root, "node-b.log"));

        // Node A alone first: it applies the migrations and loads the demo seed; node B then finds them done.
        await NodeA.StartAsync("health/ready", StartTimeout);
        await NodeB.StartAsync("health/ready", StartTimeout);

        Proxy = new ServerProcess("proxy", proxy, "Certify.Proxy.dll", proxyPort, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ReverseProxy__Clusters__certify__Destinations__node1__Address"] = NodeA.BaseUrl,
            ["ReverseProxy__Clusters__certify__Destinations__node2__Address"] = NodeB.BaseUrl,
            ["Proxy__ServedByHeader"] = ServedByHeader,
        }, Path.Combine(_root, "proxy.log"));
        await Proxy.StartAsync("health/live", StartTimeout);
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { Proxy, NodeA, NodeB })
        {
            if (server is not null)
            {
                await server.KillAsync();
            }
        }

        if (_adminConnectionString is not null && _databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_adminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Fails the calling test with the reason when PostgreSQL, Redis or Chromium was not given (only reached under CI=true).</summary>
    public static void RequireEnvironment()
    {
        if (ClusterEnvironment.Missing is { } reason)
        {
            Assert.Fail(reason);
        }
    }

    /// <summary>A context on the cluster's database, for arranging data and checking what the nodes did.</summary>
    public CertifyDbContext Db() => new(new DbContextOptionsBuilder<CertifyDbContext>().UseNpgsql(ConnectionString).Options);

    /// <summary>An HTTP client for one server that neither follows redirects nor keeps cookies.</summary>
    public static HttpClient Client(ServerProcess server) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(server.BaseUrl) };

    /// <summary>The end of every server's log, for a failure message.</summary>
    public string Logs() => string.Join("\n", new[] { NodeA, NodeB, Proxy }.Where(s => s is not null).Select(s => s.Tail()));

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Certify.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Certify.sln not found above the test output.");
    }

    /// <summary><c>dotnet publish -c Release</c> into <paramref name="output"/> (incremental: fast when nothing changed).</summary>
    private async Task PublishAsync(string project, string output)
    {
        var log = Path.Combine(_root, $"publish-{Path.GetFileName(project)}.log");
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            ArgumentList = { "-c", "exec dotnet publish \"$0\" -c Release -o \"$1\" -nologo >\"$2\" 2>&1", project, output, log },
        };

        // The test host runs inside an MSBuild-started process; its MSBuild variables would steer the nested build.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed:\n{string.Join('\n', File.ReadLines(log).TakeLast(40))}");
        }
    }

    private async Task CreateDatabaseAsync(string serverConnectionString)
    {
        _databaseName = $"certify_cluster_{Guid.NewGuid():N}"[..32];
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres" };
        _adminConnectionString = builder.ConnectionString;
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        builder.Database = _databaseName;
        ConnectionString = builder.ConnectionString;
    }

    /// <summary>The PFX every node encrypts the shared Data Protection key ring with.</summary>
    private (string Path, string Password) CreateDataProtectionCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Certify cluster test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var path = Path.Combine(_root, "data-protection.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>, ICollectionFixture<Certify.EndToEnd.Tests.BrowserFixture>
{
    public const string Name = "cluster";
}
