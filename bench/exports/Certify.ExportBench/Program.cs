using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Certify.BenchSeed;
using Certify.Data;
using Certify.Web.Features.Exports;
using Certify.Web.Features.Tenancy;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Certify.Web.Features.Shared;

// Usage: <folder> [runs]   seed the analytics data set into a new SQLite file in <folder>, then time the program
// admin's exports through ExportService (the endpoint's code path) into files in <folder>; <runs> (5) after one warm-up.
var folder = Path.GetFullPath(args.ElementAtOrDefault(0) ?? throw new ArgumentException("usage: <folder> [runs]"));
var runs = int.Parse(args.ElementAtOrDefault(1) ?? "5", CultureInfo.InvariantCulture);
Directory.CreateDirectory(folder);
var dbPath = Path.Combine(folder, "exports.db");
foreach (var stale in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
{
    File.Delete(stale);
}

CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-MX");
await using var services = new ServiceCollection()
    .AddBenchDatabase(dbPath)
    .AddScoped<TenantAccess>()
    .AddSingleton<DistinctiveUrls>()
    .AddScoped<ExportService>()
    .BuildServiceProvider();

var seedClock = Stopwatch.StartNew();
var seeded = await AnalyticsSeed.SeedAsync(
    services.GetRequiredService<IDbContextFactory<CertifyDbContext>>(), services.GetRequiredService<QuestionnaireRegistry>(),
    Path.Combine(AnalyticsSeed.RepositoryRoot(), "seed"), new AnalyticsSeedOptions(), CancellationToken.None);
Console.WriteLine($"seeded in {seedClock.Elapsed.TotalSeconds:F1} s ({new FileInfo(dbPath).Length / 1048576.0:F0} MB): {seeded.Companies:N0} companies, "
    + $"{seeded.Assessments:N0} assessments ({seeded.Submitted:N0} submitted), {seeded.Answers:N0} answers, {seeded.Snapshots:N0} snapshots, "
    + $"{seeded.Reviews:N0} reviews, {seeded.Findings:N0} findings ({seeded.PrivateNotes:N0} with a private note), {seeded.Distinctives:N0} distinctives");

var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, seeded.ProgramAdminUserId)], "bench"));
var cases = new (ExportKind Kind, ExportFormat Format)[]
{
    (ExportKind.Assessments, ExportFormat.Xlsx),
    (ExportKind.Assessments, ExportFormat.Csv),
    (ExportKind.Findings, ExportFormat.Xlsx),
    (ExportKind.Distinctives, ExportFormat.Xlsx),
};
Console.WriteLine($"{"export",-26} {"rows",8} {"MB",6} {"median s",9} {"max s",7} {"alloc MB",9}");
double? headline = null;
foreach (var (kind, format) in cases)
{
    var times = new List<double>();
    var path = "";
    long allocated = 0;
    for (var i = 0; i <= runs; i++)
    {
        await using var scope = services.CreateAsyncScope();
        var exports = scope.ServiceProvider.GetRequiredService<ExportService>();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var file = await exports.OpenAsync(seeded.BodyId, kind, format, ExportFilter.None, admin, CancellationToken.None)
            ?? throw new InvalidOperationException("The bench user is not a program admin of the body.");
        path = Path.Combine(folder, file.FileName);
        await using (var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await file.WriteAsync(output, CancellationToken.None);
        }

        watch.Stop();
        if (i > 0)
        {
            times.Add(watch.Elapsed.TotalSeconds);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        }
    }

    var rows = format == ExportFormat.Xlsx ? XlsxDataRows(path) : File.ReadLines(path).Count() - 1;
    var median = times.Order().ElementAt(times.Count / 2);
    headline ??= median;
    Console.WriteLine($"{$"{ExportService.Slug(kind)}.{format.ToString().ToLowerInvariant()}",-26} {rows,8:N0} {new FileInfo(path).Length / 1048576.0,6:F1} "
        + $"{median,9:F2} {times.Max(),7:F2} {allocated / 1048576.0,9:F0}");
}

Console.WriteLine($"peak working set {Environment.WorkingSet / 1048576.0:F0} MB now, {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB peak");
Console.WriteLine($"XLSX export of all submitted assessments: median {headline:F2} s (target < 5 s: {(headline < 5 ? "met" : "NOT met")})");

// Counts the data rows with the SAX reader, which also proves the file opens.
static int XlsxDataRows(string path)
{
    using var document = SpreadsheetDocument.Open(path, false);
    var part = document.WorkbookPart!.WorksheetParts.Single();
    using var reader = OpenXmlReader.Create(part);
    var rows = 0;
    while (reader.Read())
    {
        if (reader.ElementType == typeof(Row) && reader.IsStartElement)
        {
            rows++;
        }
    }

    return rows - 1;
}
