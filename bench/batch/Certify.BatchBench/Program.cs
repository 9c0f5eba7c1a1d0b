using System.Diagnostics;
using System.Globalization;
using Certify.BenchSeed;
using Certify.Data;
using Certify.Web.Features.Buyers;
using Certify.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Usage: <folder> [runs]   seed the analytics data set into a new SQLite file in <folder>, then time batch verification
// of 1,000 RFCs and of 1,000 codes, <runs> (30) times each after five warm-up runs.
var folder = Path.GetFullPath(args.ElementAtOrDefault(0) ?? throw new ArgumentException("usage: <folder> [runs]"));
var runs = int.Parse(args.ElementAtOrDefault(1) ?? "30", CultureInfo.InvariantCulture);
Directory.CreateDirectory(folder);
var dbPath = Path.Combine(folder, "batch.db");
foreach (var stale in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
{
    File.Delete(stale);
}

await using var services = new ServiceCollection()
    .AddBenchDatabase(dbPath)
    .AddSingleton<DistinctiveUrls>()
    .AddScoped<BatchVerification>()
    .BuildServiceProvider();

var seedClock = Stopwatch.StartNew();
var seeded = await AnalyticsSeed.SeedAsync(
    services.GetRequiredService<IDbContextFactory<CertifyDbContext>>(), services.GetRequiredService<QuestionnaireRegistry>(),
    Path.Combine(AnalyticsSeed.RepositoryRoot(), "seed"), new AnalyticsSeedOptions(), CancellationToken.None);
Console.WriteLine($"seeded in {seedClock.Elapsed.TotalSeconds:F1} s: {seeded.Companies:N0} companies, {seeded.Distinctives:N0} distinctives");

List<string> rfcs;
List<string> codes;
await using (var db = await services.GetRequiredService<IDbContextFactory<CertifyDbContext>>().CreateDbContextAsync())
{
    // The analytics seed's RFCs only look like RFCs; give every distinctive's company a valid one (dates in 2000–2009,
    // the check digit computed), as a buyer's list would carry.
    var seededRfcs = await db.Distinctives.Select(d => d.Rfc).Distinct().OrderBy(r => r).ToListAsync();
    for (var i = 0; i < seededRfcs.Count; i++)
    {
        var valid = ValidRfc($"BEN{i / 336 % 10:D2}{1 + (i / 28 % 12):D2}{1 + (i % 28):D2}{(char)('A' + (i / 3360 % 26))}{(char)('A' + (i % 26))}");
        var old = seededRfcs[i];
        await db.Distinctives.Where(d => d.Rfc == old).ExecuteUpdateAsync(u => u.SetProperty(d => d.Rfc, valid));
    }

    rfcs = await db.Distinctives.Select(d => d.Rfc).Distinct().OrderBy(r => r).Take(1_000).ToListAsync();
    codes = await db.Distinctives.OrderBy(d => d.Id).Select(d => d.VerificationCode).Take(1_000).ToListAsync();
}

var known = rfcs.Count;
rfcs.AddRange(Enumerable.Range(0, 1_000 - rfcs.Count).Select(i => ValidRfc($"ZZZ{i % 100:D2}0101{(char)('A' + (i / 100))}B")));
Console.WriteLine($"{"batch of 1,000",-28} {"median ms",10} {"p95 ms",8} {"max ms",8} {"found",6}");
var all = new List<double>();
foreach (var (name, items) in new[] { ($"RFCs ({known:N0} with a distinctive)", rfcs), ("verification codes", codes) })
{
    var times = new List<double>();
    var found = 0;
    for (var i = 0; i < runs + 5; i++)
    {
        await using var scope = services.CreateAsyncScope();
        var batch = scope.ServiceProvider.GetRequiredService<BatchVerification>();
        var watch = Stopwatch.StartNew();
        var result = await batch.VerifyAsync(items, CancellationToken.None);
        watch.Stop();
        found = result.Items.Count(r => r.Found);
        if (i >= 5)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    all.AddRange(times);
    var sorted = times.Order().ToList();
    Console.WriteLine($"{name,-28} {sorted[sorted.Count / 2],10:F1} {sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1],8:F1} {sorted[^1],8:F1} {found,6:N0}");
}

var overall = all.Order().ToList();
var p95 = overall[(int)Math.Ceiling(0.95 * overall.Count) - 1];
Console.WriteLine($"all: median {overall[overall.Count / 2]:F1} ms, p95 {p95:F1} ms (target < 200 ms: {(p95 < 200 ? "met" : "NOT met")})");

static string ValidRfc(string firstEleven) =>
    "0123456789A".Select(digit => firstEleven + digit).First(rfc => Certify.Domain.Companies.Rfc.Validate(rfc).IsValid);
