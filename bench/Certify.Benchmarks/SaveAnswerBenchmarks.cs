using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Companies;
using Certify.Domain.Evidence;
using Certify.Domain.Questionnaires;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Tenancy;
using Certify.Web.Infrastructure.Files;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Certify.Web.Features.Shared;

namespace Certify.Benchmarks;

/// <summary>
/// One autosave through the real service on the embedded default: a SQLite file in WAL mode, tenancy check,
/// state check, versioned update. Alternates the answer so every call writes.
/// </summary>
[MemoryDiagnoser]
public class SaveAnswerBenchmarks
{
    private string _folder = "";
    private ServiceProvider _services = default!;
    private AssessmentService _assessments = default!;
    private ClaimsPrincipal _user = default!;
    private int _companyId;
    private int _assessmentId;
    private long _version;
    private bool _flip;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Directory.CreateTempSubdirectory("certify-bench-").FullName;
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddDbContextFactory<CertifyDbContext>(options => options.UseSqlite(
                $"Data Source={Path.Combine(_folder, "bench.db")}", sqlite => sqlite.MigrationsAssembly("Certify.Migrations.Sqlite")))
            .AddScoped<TenantAccess>()
            .AddSingleton<QuestionnaireRegistry>()
            .AddSingleton<IFileStore>(new LocalFileStore(Path.Combine(_folder, "files")))
            .AddSingleton(new EvidenceLimits())
            .AddSingleton<IBackgroundJobClient, NoJobs>()
            .AddScoped<AssessmentService>();
        _services = services.BuildServiceProvider();

        await using var db = await _services.GetRequiredService<IDbContextFactory<CertifyDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.CloseConnectionAsync();
        await db.Database.MigrateAsync();
        var now = DateTimeOffset.UtcNow;
        var user = new ApplicationUser { UserName = "bench@certify.test", Email = "bench@certify.test", DisplayName = "Bench", CreatedAt = now };
        db.Users.Add(user);
        db.CertifyingBodies.Add(new CertifyingBody { Slug = "capb-demo", Name = "Bench body", CreatedAt = now });
        var company = new Company
        {
            LegalName = "Bench, S.A. de C.V.", Rfc = "ABD150310K49", Municipality = "Celaya", State = MexicanState.Guanajuato,
            Workers = 100, Tier = AutoPartsTier.Tier2, CreatedAt = now, UpdatedAt = now, Version = Guid.NewGuid(),
        };
        company.Members.Add(new CompanyMembership { UserId = user.Id, Role = CompanyRole.Owner, CreatedAt = now });
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        await _services.GetRequiredService<QuestionnaireRegistry>().LoadAsync(
            db, Path.Combine(QuestionnaireFile.FindRepositoryRoot(), "seed"), TimeProvider.System, CancellationToken.None);

        _user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName)], "bench"));
        _companyId = company.Id;
        _assessments = _services.CreateScope().ServiceProvider.GetRequiredService<AssessmentService>();
        var programId = await db.Programs.Select(p => p.Id).SingleAsync();
        _assessmentId = await _assessments.StartAsync(_companyId, programId, _user, CancellationToken.None)
            ?? throw new InvalidOperationException("Could not start the assessment.");
    }

    [Benchmark]
    public async Task<SaveOutcome> SaveAnswer()
    {
        _flip = !_flip;
        var result = await _assessments.SaveAnswerAsync(
            _companyId, _assessmentId, "SUB-01", AnswerValue.Choice(_flip ? "yes" : "no"), null, _version, _user, CancellationToken.None);
        _version = result.Current?.Version ?? throw new InvalidOperationException($"Save failed: {result.Outcome}");
        return result.Outcome;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The service enqueues no job on a save; submitting is not measured here.</summary>
    private sealed class NoJobs : IBackgroundJobClient
    {
        public string Create(Job job, IState state) => "0";

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
