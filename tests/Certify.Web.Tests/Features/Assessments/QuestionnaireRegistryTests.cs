using System.Text.Json.Nodes;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Questionnaires;
using Certify.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Assessments;

/// <summary>
/// The shipped seed as the app loaded it, and the registry on a seed folder and SQLite database of the test's own:
/// a published version never changes, whatever happens to its file later.
/// </summary>
public sealed class QuestionnaireRegistryTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>, IDisposable
{
    private const string CurrentVersion = "2026.1";

    private const string QuestionnaireFile = "drl-auto-2026.1.json";

    private static readonly string ShippedSeed = Path.Combine(AppContext.BaseDirectory, "seed");

    private readonly string _root = Path.Combine(Path.GetTempPath(), "certify-tests", $"registry-{Guid.NewGuid():N}");

    [Fact]
    public async Task LoadAsync_ShippedSeed_PublishesEveryVersionAndPointsTheProgramAtTheCurrentOne()
    {
        var registry = factory.Services.GetRequiredService<QuestionnaireRegistry>();
        var expectedHash = await ShippedHashAsync();

        var row = await factory.WithDbAsync(db => db.QuestionnaireVersions.AsNoTracking().SingleAsync(v => v.Program == "DRL-AUTO" && v.Version == CurrentVersion));
        var versions = await factory.WithDbAsync(db => db.QuestionnaireVersions.Where(v => v.Program == "DRL-AUTO").OrderBy(v => v.Id).Select(v => v.Version).ToListAsync());
        var programVersion = await factory.WithDbAsync(db => db.Programs.Where(p => p.Code == "DRL-AUTO").Select(p => p.QuestionnaireVersionId).SingleAsync());

        Assert.Empty(registry.Problems);
        Assert.Equal(expectedHash, row.ContentHash);
        Assert.Equal(expectedHash, registry.ForVersion(row.Id).ContentHash);
        Assert.Equal(row.Id, programVersion);
        Assert.Equal(["2025.1", CurrentVersion], versions);
    }

    [Fact]
    public async Task LoadAsync_UnchangedSeedAfterRestart_ReportsNothingAndKeepsOneRow()
    {
        var seed = CopySeed();
        await LoadAsync(seed);

        var (registry, _) = await LoadAsync(seed);

        Assert.Empty(registry.Problems);
        await using var db = await OpenAsync();
        Assert.Equal(2, await db.QuestionnaireVersions.CountAsync());
    }

    [Fact]
    public async Task LoadAsync_PublishedVersionEditedOnDisk_IsRefusedAndTheOriginalKeepsBeingServed()
    {
        var seed = CopySeed();
        var (first, versionId) = await LoadAsync(seed);
        Assert.Empty(first.Problems);
        var original = first.ForVersion(versionId);
        var originalJson = await File.ReadAllTextAsync(Path.Combine(seed, "questionnaires", QuestionnaireFile));
        var edited = JsonNode.Parse(originalJson)!;
        edited["sections"]![0]!["questions"]![0]!["text"]!["es"] = "¿Texto cambiado después de publicar?";
        await File.WriteAllTextAsync(Path.Combine(seed, "questionnaires", QuestionnaireFile), edited.ToJsonString());

        var (second, _) = await LoadAsync(seed);

        var problem = Assert.Single(second.Problems);
        Assert.StartsWith(QuestionnaireFile, problem, StringComparison.Ordinal);
        Assert.Contains("immutable", problem, StringComparison.Ordinal);
        await using var db = await OpenAsync();
        var row = await db.QuestionnaireVersions.AsNoTracking().SingleAsync(v => v.Version == CurrentVersion);
        Assert.Equal(original.ContentHash, row.ContentHash);
        Assert.Equal(originalJson, row.Json);
        var served = second.ForVersion(row.Id);
        Assert.Equal(original.ContentHash, served.ContentHash);
        Assert.Equal(original.FindQuestion("SUB-01")!.Text, served.FindQuestion("SUB-01")!.Text);
        var programId = await db.Programs.Where(p => p.Code == "DRL-AUTO").Select(p => p.Id).SingleAsync();
        Assert.Equal(CurrentVersion, second.Program(programId).Questionnaire.Version);
    }

    [Fact]
    public async Task LoadAsync_FileWithBrokenJson_ReportsItByNameAndPublishesNothingFromIt()
    {
        var seed = CopySeed();
        await File.WriteAllTextAsync(Path.Combine(seed, "questionnaires", "drl-auto-2027.1.json"), """{ "program": "DRL-AUTO", "version": "2027.1", """);

        var (registry, versionId) = await LoadAsync(seed);

        var problem = Assert.Single(registry.Problems);
        Assert.StartsWith("drl-auto-2027.1.json: ", problem, StringComparison.Ordinal);
        Assert.Equal(CurrentVersion, registry.ForVersion(versionId).Version);
        await using var db = await OpenAsync();
        Assert.Equal(["2025.1", CurrentVersion], await db.QuestionnaireVersions.OrderBy(v => v.Id).Select(v => v.Version).ToListAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static async Task<string> ShippedHashAsync()
    {
        var schema = await File.ReadAllTextAsync(Path.Combine(ShippedSeed, "questionnaires", "questionnaire.schema.json"));
        await using var file = File.OpenRead(Path.Combine(ShippedSeed, "questionnaires", QuestionnaireFile));
        var loaded = QuestionnaireLoader.Load(file, QuestionnaireFile, schema);
        Assert.Empty(loaded.Errors);
        return loaded.Definition!.ContentHash;
    }

    /// <summary>The shipped questionnaires and programs (with their schemas) in a folder of the test's own.</summary>
    private string CopySeed()
    {
        var seed = Path.Combine(_root, "seed");
        foreach (var folder in new[] { "questionnaires", "programs" })
        {
            Directory.CreateDirectory(Path.Combine(seed, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(ShippedSeed, folder), "*.json"))
            {
                File.Copy(file, Path.Combine(seed, folder, Path.GetFileName(file)));
            }
        }

        return seed;
    }

    /// <summary>
    /// What a start of the app does: a new registry loads the seed into the database (migrated and given the
    /// program's certifying body on first use). Returns the registry and the id of DRL-AUTO's version.
    /// </summary>
    private async Task<(QuestionnaireRegistry Registry, int VersionId)> LoadAsync(string seed)
    {
        await using var db = await OpenAsync();
        if (!await db.CertifyingBodies.AnyAsync())
        {
            db.CertifyingBodies.Add(new CertifyingBody { Slug = CertifyWebFactory.DemoBodySlug, Name = "Cámara de prueba", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var registry = new QuestionnaireRegistry(NullLogger<QuestionnaireRegistry>.Instance);
        await registry.LoadAsync(db, seed, TimeProvider.System, CancellationToken.None);
        var versionId = await db.QuestionnaireVersions.Where(v => v.Program == "DRL-AUTO" && v.Version == CurrentVersion).Select(v => v.Id).SingleAsync();
        return (registry, versionId);
    }

    private async Task<CertifyDbContext> OpenAsync()
    {
        Directory.CreateDirectory(_root);
        var options = new DbContextOptionsBuilder<CertifyDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_root, "certify.db")}", sqlite => sqlite.MigrationsAssembly("Certify.Migrations.Sqlite"))
            .Options;
        var db = new CertifyDbContext(options);
        await db.Database.MigrateAsync();
        return db;
    }
}
