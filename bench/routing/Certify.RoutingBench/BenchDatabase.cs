using Certify.Data;
using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.EntityFrameworkCore;

namespace Certify.RoutingBench;

/// <summary>
/// The app's embedded databases in one data folder: certify.db (EF Core, SQLite) and hangfire.db (Hangfire's
/// SQLite storage), opened the way the app opens them.
/// </summary>
internal sealed class BenchDatabase
{
    /// <summary>Bench companies are named "Bench 0001" and so on; their auditors are auditor-N@bench.example.</summary>
    public const string CompanyPrefix = "Bench ";
    public const string AuditorDomain = "@bench.example";

    public BenchDatabase(string dataDirectory)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        GlobalConfiguration.Configuration.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
    }

    public string DataDirectory { get; }

    public string StartFile => Path.Combine(DataDirectory, "bench-started-at.txt");

    public CertifyDbContext Open() => new(new DbContextOptionsBuilder<CertifyDbContext>()
        .UseSqlite($"Data Source={Path.Combine(DataDirectory, "certify.db")}")
        .Options);

    public SQLiteStorage OpenJobs() => new(Path.Combine(DataDirectory, "hangfire.db"), new SQLiteStorageOptions());
}
