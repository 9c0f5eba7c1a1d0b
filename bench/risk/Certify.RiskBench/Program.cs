using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Certify.BenchSeed;
using Certify.Data;
using Certify.Domain.Risk;
using Certify.Web.Features.Risk;
using Certify.Web.Features.Shared;
using Certify.Web.Features.Tenancy;
using Certify.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

// Usage: <folder> [runs]   seed the analytics data set into a new SQLite file in <folder>, train the risk model, time
// the body's ranking <runs> (10) times after two warm-up runs, and print the back-test against the baselines.
var folder = Path.GetFullPath(args.ElementAtOrDefault(0) ?? throw new ArgumentException("usage: <folder> [runs]"));
var runs = int.Parse(args.ElementAtOrDefault(1) ?? "10", CultureInfo.InvariantCulture);
Directory.CreateDirectory(folder);
var dbPath = Path.Combine(folder, "risk.db");
foreach (var stale in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
{
    File.Delete(stale);
}

await using var services = new ServiceCollection()
    .AddBenchDatabase(dbPath)
    .AddOptions()
    .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production })
    .AddScoped<StaffTwoFactorRule>()
    .AddScoped<TenantAccess>()
    .AddScoped<RiskModels>()
    .AddScoped<RiskText>()
    .AddScoped<RiskRankingService>()
    .BuildServiceProvider();

var seedClock = Stopwatch.StartNew();
var seeded = await AnalyticsSeed.SeedAsync(
    services.GetRequiredService<IDbContextFactory<CertifyDbContext>>(), services.GetRequiredService<QuestionnaireRegistry>(),
    Path.Combine(AnalyticsSeed.RepositoryRoot(), "seed"), new AnalyticsSeedOptions(), CancellationToken.None);
Console.WriteLine($"seeded in {seedClock.Elapsed.TotalSeconds:F1} s: {seeded.Companies:N0} companies, {seeded.Assessments:N0} assessments, "
    + $"{seeded.Reviews:N0} reviews, {seeded.Findings:N0} findings");

await using (var scope = services.CreateAsyncScope())
{
    var models = scope.ServiceProvider.GetRequiredService<RiskModels>();
    var watch = Stopwatch.StartNew();
    var version = await models.TrainAsync(seeded.ProgramId, CancellationToken.None)
        ?? throw new InvalidOperationException("No model was stored.");
    watch.Stop();
    Console.WriteLine($"training: {watch.Elapsed.TotalSeconds:F2} s on {version.Observations:N0} decided reviews "
        + $"({version.Positives:N0} with a major or critical finding), {version.Kind} model version {version.Version} (target < 30 s: {(watch.Elapsed.TotalSeconds < 30 ? "met" : "NOT met")})");
    var model = RiskModels.Read(version);
    Console.WriteLine("weights (log-odds per unit): " + string.Join(", ",
        RiskFeatures.Factors.Select(f => $"{f} {model.Weights[(int)f].ToString("+0.000;-0.000", CultureInfo.InvariantCulture)}")));
    Print("model vs baselines", RiskModels.BackTest(version));

    await using var db = await services.GetRequiredService<IDbContextFactory<CertifyDbContext>>().CreateDbContextAsync();
    var observations = await RiskModels.ObservationsAsync(db, seeded.ProgramId, CancellationToken.None);
    var shuffle = new SplitMix64(2026);
    var outcomes = observations.Select(o => o.MajorFinding).OrderBy(_ => shuffle.Next()).ToList();
    Print("shuffled outcomes", RiskBackTest.Run(observations.Select((o, i) => o with { MajorFinding = outcomes[i] }).ToList()));
}

// The ranking as the page asks for it: a program admin with an authenticator, every company of the body.
var admin = new ClaimsPrincipal(new ClaimsIdentity(
    [new Claim(ClaimTypes.NameIdentifier, seeded.ProgramAdminUserId), new Claim(CertifyClaims.TwoFactorEnabled, "true")], "bench"));
var times = new List<double>();
RiskRanking? ranking = null;
for (var i = 0; i < runs + 2; i++)
{
    await using var scope = services.CreateAsyncScope();
    var watch = Stopwatch.StartNew();
    ranking = await scope.ServiceProvider.GetRequiredService<RiskRankingService>().GetAsync(seeded.BodyId, RiskFilter.None, admin, CancellationToken.None)
        ?? throw new InvalidOperationException("The bench user is not staff of the body.");
    watch.Stop();
    if (i >= 2)
    {
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
}

var sorted = times.Order().ToList();
var p95 = sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
Console.WriteLine($"scoring {ranking!.Rows.Count:N0} companies: median {sorted[sorted.Count / 2]:F0} ms, p95 {p95:F0} ms (target < 2,000 ms: {(p95 < 2000 ? "met" : "NOT met")})");
Console.WriteLine("bands: " + string.Join(", ", ranking.Rows.GroupBy(r => r.Band).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count():N0}")));

static void Print(string name, RiskBackTestResult? result)
{
    if (result is null)
    {
        Console.WriteLine($"{name}: no back-test (too little history on one side of the split)");
        return;
    }

    Console.WriteLine($"{name}: trained on {result.Trained:N0} reviews before {result.SplitAt:yyyy-MM-dd}, ranked {result.Held:N0} after ({result.HeldPositives:N0} positive)");
    Console.WriteLine($"  {"ordering",-28} {"AUC",6} {"top 20 % catches",18}");
    Console.WriteLine($"  {"risk model",-28} {result.ModelAuc,6:F3} {result.ModelCapture,17:P1}");
    Console.WriteLine($"  {"queue priority (former)",-28} {result.QueueAuc,6:F3} {result.QueueCapture,17:P1}");
    Console.WriteLine($"  {"random order (expected)",-28} {RiskBackTestResult.RandomAuc,6:F3} {RiskBackTestResult.RandomCapture,17:P1}");
}
