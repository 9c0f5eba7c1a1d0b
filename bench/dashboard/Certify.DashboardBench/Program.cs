using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Certify.BenchSeed;
using Certify.Data;
using Certify.Domain.Companies;
using Certify.Web.Features.Dashboards;
using Certify.Web.Features.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Certify.Web.Features.Shared;

// Usage: <folder> [runs]   seed the analytics data set into a new SQLite file in <folder>, then time the program admin
// dashboard's data (BodyDashboardService.GetAsync: every figure the page shows) for several filters, <runs> (30) each
// after five warm-up runs.
var folder = Path.GetFullPath(args.ElementAtOrDefault(0) ?? throw new ArgumentException("usage: <folder> [runs]"));
var runs = int.Parse(args.ElementAtOrDefault(1) ?? "30", CultureInfo.InvariantCulture);
Directory.CreateDirectory(folder);
var dbPath = Path.Combine(folder, "dashboard.db");
foreach (var stale in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
{
    File.Delete(stale);
}

await using var services = new ServiceCollection()
    .AddBenchDatabase(dbPath)
    .AddScoped<TenantAccess>()
    .AddScoped<BodyDashboardService>()
    .BuildServiceProvider();

var seedClock = Stopwatch.StartNew();
var seeded = await AnalyticsSeed.SeedAsync(
    services.GetRequiredService<IDbContextFactory<CertifyDbContext>>(), services.GetRequiredService<QuestionnaireRegistry>(),
    Path.Combine(AnalyticsSeed.RepositoryRoot(), "seed"), new AnalyticsSeedOptions(), CancellationToken.None);
Console.WriteLine($"seeded in {seedClock.Elapsed.TotalSeconds:F1} s: {seeded.Assessments:N0} assessments, {seeded.Answers:N0} answers, "
    + $"{seeded.Reviews:N0} reviews, {seeded.Findings:N0} findings, {seeded.Distinctives:N0} distinctives");

var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, seeded.ProgramAdminUserId)], "bench"));
var today = BodyCalendar.Today(TimeProvider.System);
var cases = new (string Name, DashboardFilter Filter)[]
{
    ("all (no filter)", DashboardFilter.None),
    ("state Guanajuato", new DashboardFilter(State: MexicanState.Guanajuato)),
    ("last 90 days", new DashboardFilter(From: today.AddDays(-90), To: today)),
    ("last year + Jalisco", new DashboardFilter(From: today.AddYears(-1), To: today, State: MexicanState.Jalisco)),
};

Console.WriteLine($"{"dashboard",-22} {"median ms",10} {"p95 ms",8} {"max ms",8} {"decided",8} {"reviews",8}");
var all = new List<double>();
foreach (var (name, filter) in cases)
{
    var times = new List<double>();
    BodyDashboard? last = null;
    for (var i = 0; i < runs + 5; i++)
    {
        await using var scope = services.CreateAsyncScope();
        var dashboards = scope.ServiceProvider.GetRequiredService<BodyDashboardService>();
        var watch = Stopwatch.StartNew();
        last = await dashboards.GetAsync(seeded.BodyId, filter, admin, CancellationToken.None)
            ?? throw new InvalidOperationException("The bench user is not staff of the body.");
        watch.Stop();
        if (i >= 5)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    all.AddRange(times);
    var sorted = times.Order().ToList();
    Console.WriteLine($"{name,-22} {sorted[sorted.Count / 2],10:F1} {sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1],8:F1} {sorted[^1],8:F1} "
        + $"{last!.TopicPassRates.FirstOrDefault()?.Decided ?? 0,8:N0} {last.ReviewTimes.Decided,8:N0}");
}

var overall = all.Order().ToList();
var p95 = overall[(int)Math.Ceiling(0.95 * overall.Count) - 1];
Console.WriteLine($"all cases: median {overall[overall.Count / 2]:F1} ms, p95 {p95:F1} ms (target < 300 ms: {(p95 < 300 ? "met" : "NOT met")})");
