using System.Diagnostics;
using System.Globalization;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives;
using Certify.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Certify.Web.Features.Shared;

// Usage:
//   registry <folder> [count]   seed <count> (100,000) distinctives into a new SQLite file in <folder>, then time registry searches
//   seed-one <dataDirectory>     add one active distinctive to the app's database (certify.db there, or Database__Provider/ConnectionStrings__Certify) and print its code
var mode = args.ElementAtOrDefault(0);
var folder = Path.GetFullPath(args.ElementAtOrDefault(1) ?? throw new ArgumentException("usage: registry <folder> [count] | seed-one <dataDirectory>"));
var seedRoot = Path.Combine(FindRoot(), "seed");

switch (mode)
{
    case "registry":
        await RegistryAsync(folder, int.Parse(args.ElementAtOrDefault(2) ?? "100000", CultureInfo.InvariantCulture), seedRoot);
        break;
    case "seed-one":
        await SeedOneAsync(folder);
        break;
    default:
        throw new ArgumentException($"unknown mode '{mode}'");
}

static async Task RegistryAsync(string folder, int count, string seedRoot)
{
    // The app's own database setup: SQLite in the folder by default; Database__Provider=PostgreSql and
    // ConnectionStrings__Certify (as .ci/with-postgres sets them) measure the same searches on PostgreSQL.
    Directory.CreateDirectory(folder);
    var dbPath = Path.Combine(folder, "registry.db");
    var configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Certify"] = $"Data Source={dbPath}",
            ["Storage:DataDirectory"] = folder,
        })
        .AddEnvironmentVariables()
        .Build();
    var paths = new DataPaths(configuration, new BenchEnvironment(folder));
    await using var services = new ServiceCollection()
        .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
        .AddSingleton(TimeProvider.System)
        .AddCertifyDatabase(configuration, paths)
        .AddSingleton<QuestionnaireRegistry>()
        .AddOutputCache()
        .AddSingleton<CachedFigures>()
        .AddSingleton<RegistryCountCache>()
        .AddScoped<RegistryService>()
        .BuildServiceProvider();
    var factory = services.GetRequiredService<IDbContextFactory<CertifyDbContext>>();

    var seedClock = Stopwatch.StartNew();
    string provider;
    await using (var db = await factory.CreateDbContextAsync())
    {
        provider = db.Database.ProviderName ?? "?";
        await db.Database.EnsureDeletedAsync();
    }

    await DatabaseSetup.MigrateAsync(services, CancellationToken.None);
    await using (var db = await factory.CreateDbContextAsync())
    {
        db.CertifyingBodies.Add(new CertifyingBody { Slug = "capb-demo", Name = "Cámara de prueba", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        await services.GetRequiredService<QuestionnaireRegistry>().LoadAsync(db, seedRoot, TimeProvider.System, CancellationToken.None);
    }

    await SeedAsync(factory, count);
    await using (var db = await factory.CreateDbContextAsync())
    {
        if (!db.Database.IsSqlite())
        {
            // What autovacuum does soon after a bulk load: statistics, and the visibility map that lets the covering
            // indexes answer without reading the table.
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }
    }

    Console.WriteLine($"{provider}: seeded {count:N0} distinctives in {seedClock.Elapsed.TotalSeconds:F1} s");

    var searches = new (string Name, RegistryFilter Filter)[]
    {
        ("all, page 1", new RegistryFilter()),
        ("all, page 200", new RegistryFilter(Page: 200)),
        ("state", new RegistryFilter(State: MexicanState.Guanajuato)),
        ("status vigente", new RegistryFilter(Status: DistinctiveStatus.Active)),
        ("status revocado", new RegistryFilter(Status: DistinctiveStatus.Revoked)),
        ("state + level + vigente", new RegistryFilter(State: MexicanState.Jalisco, Level: "A", Status: DistinctiveStatus.Active)),
        ("program + level", new RegistryFilter(Program: "DRL-AUTO", Level: "B")),
        ("name contains", new RegistryFilter(Query: "troqueles")),
        ("name + state", new RegistryFilter(Query: "moldes", State: MexicanState.Queretaro)),
        ("rfc prefix", new RegistryFilter(Query: "TRO000123")),
        ("no match", new RegistryFilter(Query: "zzzz inexistente")),
    };
    // "repeat": the same search again and again, as a busy registry sees its common searches (counts from
    // RegistryCountCache after the first); "first view": the counts evicted before every run, as after an issuance or
    // a status change, or for a search nobody made in the last minute.
    var figures = services.GetRequiredService<CachedFigures>();
    foreach (var evict in new[] { false, true })
    {
        Console.WriteLine(evict ? "first view (counts loaded every time)" : "repeat (counts reused)");
        await TimeAsync(services, searches, evict ? () => figures.EvictAsync(CancellationToken.None) : () => Task.CompletedTask);
    }

    // The public CSV export reads every matching row: how long the unfiltered registry takes to read (without writing).
    await using (var scope = services.CreateAsyncScope())
    {
        var watch = Stopwatch.StartNew();
        var exported = 0;
        await foreach (var _ in scope.ServiceProvider.GetRequiredService<RegistryService>().ExportAsync(RegistryFilter.None, CancellationToken.None))
        {
            exported++;
        }

        Console.WriteLine($"export rows, all {exported:N0}: {watch.Elapsed.TotalSeconds:F2} s");
    }
}

static async Task TimeAsync(IServiceProvider services, (string Name, RegistryFilter Filter)[] searches, Func<Task> beforeEach)
{
    const int warmup = 5;
    const int runs = 60;
    var all = new List<double>();
    Console.WriteLine($"{"search",-26} {"rows",8} {"p50 ms",8} {"p95 ms",8} {"max ms",8}");
    foreach (var (name, filter) in searches)
    {
        var times = new List<double>();
        RegistryResult? last = null;
        for (var i = 0; i < warmup + runs; i++)
        {
            await beforeEach();
            await using var scope = services.CreateAsyncScope();
            var registry = scope.ServiceProvider.GetRequiredService<RegistryService>();
            var watch = Stopwatch.StartNew();
            last = await registry.SearchAsync(filter, CancellationToken.None);
            watch.Stop();
            if (i >= warmup)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        all.AddRange(times);
        Console.WriteLine($"{name,-26} {last!.Total,8:N0} {Percentile(times, 50),8:F1} {Percentile(times, 95),8:F1} {times.Max(),8:F1}");
    }

    Console.WriteLine($"ALL searches ({all.Count}): p50 {Percentile(all, 50):F1} ms, p95 {Percentile(all, 95):F1} ms, max {all.Max():F1} ms");
}

static async Task SeedAsync(IDbContextFactory<CertifyDbContext> factory, int count)
{
    string[] first = ["Autopartes", "Troqueles", "Moldes", "Forjas", "Arneses", "Plásticos", "Frenos", "Componentes", "Fundiciones", "Estampados"];
    string[] second = ["del Bajío", "del Norte", "de Occidente", "Industriales", "Automotrices", "de Precisión", "Mexicanos", "del Centro"];
    string[] levels = ["A", "B", "C"];
    var random = new Random(42);
    var now = DateTimeOffset.UtcNow;
    var credential = new string('x', 1400); // about the size of a real vc+jwt, so rows weigh what real ones do
    await using var db = await factory.CreateDbContextAsync();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    var program = await db.Programs.SingleAsync();
    const int companies = 2000;
    var companyIds = new List<int>();
    for (var c = 0; c < companies; c++)
    {
        var company = new Company
        {
            LegalName = $"Empresa {c}", Rfc = $"BEN{c:D6}AA1", Municipality = "León", State = MexicanState.Guanajuato, Workers = 100,
            Tier = AutoPartsTier.Tier2, CreatedAt = now, UpdatedAt = now, Version = Guid.NewGuid(),
        };
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        companyIds.Add(company.Id);
    }

    db.ChangeTracker.Clear();
    const int batch = 5000;
    for (var start = 0; start < count; start += batch)
    {
        var assessments = new List<Assessment>();
        for (var i = start; i < Math.Min(count, start + batch); i++)
        {
            assessments.Add(new Assessment
            {
                CompanyId = companyIds[i % companies], ProgramId = program.Id, QuestionnaireVersionId = program.QuestionnaireVersionId,
                State = AssessmentState.Approved, CreatedAt = now, CreatedByUserId = "bench", Version = Guid.NewGuid(),
            });
        }

        db.Assessments.AddRange(assessments);
        await db.SaveChangesAsync();
        var index = start;
        foreach (var assessment in assessments)
        {
            var name = $"{first[random.Next(first.Length)]} {second[random.Next(second.Length)]} {index:D6}, S.A. de C.V.";
            var issued = now.AddDays(-random.Next(0, 700));
            var roll = random.Next(100);
            db.Distinctives.Add(new Distinctive
            {
                AssessmentId = assessment.Id, CompanyId = assessment.CompanyId, ProgramId = program.Id, CertifyingBodyId = program.CertifyingBodyId,
                Number = $"DRL-AUTO-{2024 + (index % 3)}-{index:D6}", Year = 2024 + (index % 3), Sequence = index,
                VerificationCode = VerificationCode.Generate().Value, LegalName = name,
                Rfc = $"{name[..3].ToUpperInvariant()}{index / 100:D6}{index % 100:D2}A",
                State = (MexicanState)(1 + random.Next(32)), LevelCode = levels[random.Next(3)], Score = 80, Topics = "SUB,LIB,IGU",
                IssuedAt = issued, ValidFrom = issued,
                ValidUntil = roll < 10 ? now.AddDays(-random.Next(1, 300)) : issued.AddMonths(24),
                SuspendedAt = roll is >= 90 and < 95 ? now.AddDays(-3) : null,
                RevokedAt = roll >= 95 ? now.AddDays(-2) : null,
                StatusReason = roll >= 90 ? "Motivo de prueba" : null,
                StatusListIndex = index, CredentialJwt = credential, SigningKeyId = "bench", Version = Guid.NewGuid(),
            });
            index++;
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}

static async Task SeedOneAsync(string dataDirectory)
{
    // The app's database: its certify.db in the data folder, or the server Database__Provider and
    // ConnectionStrings__Certify name (as the cluster benchmark runs it).
    var configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Certify"] = $"Data Source={Path.Combine(dataDirectory, "certify.db")}",
            ["Storage:DataDirectory"] = dataDirectory,
        })
        .AddEnvironmentVariables()
        .Build();
    await using var services = new ServiceCollection()
        .AddCertifyDatabase(configuration, new DataPaths(configuration, new BenchEnvironment(dataDirectory)))
        .BuildServiceProvider();
    await using var db = await services.GetRequiredService<IDbContextFactory<CertifyDbContext>>().CreateDbContextAsync();
    var program = await db.Programs.FirstAsync();
    var company = await db.Companies.OrderBy(c => c.Id).FirstAsync();
    var now = DateTimeOffset.UtcNow;
    var assessment = new Assessment
    {
        CompanyId = company.Id, ProgramId = program.Id, QuestionnaireVersionId = program.QuestionnaireVersionId,
        State = AssessmentState.Approved, CreatedAt = now, CreatedByUserId = "bench", Version = Guid.NewGuid(),
    };
    db.Assessments.Add(assessment);
    await db.SaveChangesAsync();
    var code = VerificationCode.Generate();
    db.Distinctives.Add(new Distinctive
    {
        AssessmentId = assessment.Id, CompanyId = company.Id, ProgramId = program.Id, CertifyingBodyId = program.CertifyingBodyId,
        Number = "DRL-AUTO-2026-99999", Year = 2026, Sequence = 99999, VerificationCode = code.Value, LegalName = company.LegalName,
        Rfc = company.Rfc, State = company.State, LevelCode = "A", Score = 95, Topics = "SUB,LIB,IGU", IssuedAt = now, ValidFrom = now.AddDays(-1),
        ValidUntil = now.AddYears(2), StatusListIndex = 99999, CredentialJwt = "bench", SigningKeyId = "bench", Version = Guid.NewGuid(),
    });
    await db.SaveChangesAsync();
    Console.WriteLine(code.Format());
}

static double Percentile(List<double> values, int percentile)
{
    var sorted = values.Order().ToList();
    var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
}

static string FindRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Certify.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("Certify.sln not found above the program.");
}

/// <summary>The little of a host environment <see cref="DataPaths"/> reads.</summary>
sealed class BenchEnvironment(string root) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Production";

    public string ApplicationName { get; set; } = "Certify.RegistryBench";

    public string ContentRootPath { get; set; } = root;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
