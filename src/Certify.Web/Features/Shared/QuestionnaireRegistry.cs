using System.Collections.Concurrent;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Programs;
using Certify.Domain.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Shared;

/// <summary>
/// The questionnaire versions and programs the app serves, loaded once at start from the database and seed/.
/// A bad seed file is refused with its file name, JSON path and reason and changes nothing; a published version
/// whose file was altered is refused and the stored original keeps being served.
/// </summary>
public sealed class QuestionnaireRegistry(ILogger<QuestionnaireRegistry> logger)
{
    private readonly QuestionnaireCatalog _catalog = new();
    private readonly ConcurrentDictionary<int, QuestionnaireDefinition> _byVersionId = new();
    private readonly ConcurrentDictionary<int, ProgramDefinition> _programs = new();

    public IReadOnlyList<string> Problems => _problems;

    private readonly List<string> _problems = [];

    public QuestionnaireDefinition ForVersion(int questionnaireVersionId) =>
        _byVersionId.TryGetValue(questionnaireVersionId, out var definition)
            ? definition
            : throw new InvalidOperationException($"Questionnaire version {questionnaireVersionId} is not loaded.");

    public ProgramDefinition Program(int programId) =>
        _programs.TryGetValue(programId, out var program)
            ? program
            : throw new InvalidOperationException($"Program {programId} is not loaded.");

    public async Task LoadAsync(CertifyDbContext db, string seedRoot, TimeProvider clock, CancellationToken ct)
    {
        var schemaPath = Path.Combine(seedRoot, "questionnaires", "questionnaire.schema.json");
        var schema = await File.ReadAllTextAsync(schemaPath, ct);

        // Versions already published are served from the database, whatever the files say now.
        foreach (var stored in await db.QuestionnaireVersions.AsNoTracking().ToListAsync(ct))
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(stored.Json));
            var result = QuestionnaireLoader.Load(stream, $"database:{stored.Program}-{stored.Version}", schema);
            if (result.Definition is { } definition)
            {
                _catalog.Add(definition);
                _byVersionId[stored.Id] = definition;
            }
            else
            {
                Report(result.Errors);
            }
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(seedRoot, "questionnaires"), "*.json").Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(".schema.json", StringComparison.Ordinal))
            {
                continue;
            }

            var json = await File.ReadAllTextAsync(file, ct);
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
            var result = QuestionnaireLoader.Load(stream, Path.GetFileName(file), schema);
            if (result.Definition is not { } definition)
            {
                Report(result.Errors);
                continue;
            }

            var added = _catalog.Add(definition);
            if (added.IsConflict)
            {
                Problem($"{Path.GetFileName(file)}: $: {added.Reason}");
                continue;
            }

            if (added.Status == CatalogAddStatus.Added)
            {
                var row = new QuestionnaireVersion
                {
                    Program = definition.Program,
                    Version = definition.Version,
                    ContentHash = definition.ContentHash,
                    Json = json,
                    LoadedAt = clock.GetUtcNow(),
                };
                db.QuestionnaireVersions.Add(row);
                await db.SaveChangesAsync(ct);
                _byVersionId[row.Id] = definition;
                logger.LogInformation("Published questionnaire {Program} {Version} ({Hash})", definition.Program, definition.Version, definition.ContentHash);
            }
        }

        await LoadProgramsAsync(db, seedRoot, clock, ct);
    }

    private async Task LoadProgramsAsync(CertifyDbContext db, string seedRoot, TimeProvider clock, CancellationToken ct)
    {
        var folder = Path.Combine(seedRoot, "programs");
        var schemaPath = Path.Combine(folder, "program.schema.json");
        var schema = File.Exists(schemaPath) ? await File.ReadAllTextAsync(schemaPath, ct) : null;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var json = await File.ReadAllTextAsync(file, ct);
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
            var result = ProgramLoader.Load(stream, Path.GetFileName(file), schema);
            if (result.Definition is not { } program)
            {
                Report(result.Errors);
                continue;
            }

            var body = await db.CertifyingBodies.SingleOrDefaultAsync(b => b.Slug == program.CertifyingBody, ct);
            var version = await db.QuestionnaireVersions.SingleOrDefaultAsync(
                v => v.Program == program.Questionnaire.Program && v.Version == program.Questionnaire.Version, ct);
            if (body is null || version is null)
            {
                logger.LogWarning("Program {File} skipped: certifying body '{Body}' or questionnaire {Program} {Version} is not in the database",
                    Path.GetFileName(file), program.CertifyingBody, program.Questionnaire.Program, program.Questionnaire.Version);
                continue;
            }

            var row = await db.Programs.SingleOrDefaultAsync(p => p.Code == program.Code, ct);
            if (row is null)
            {
                // Review settings start from the file; afterwards they belong to the program admins.
                row = new CertificationProgram
                {
                    Code = program.Code,
                    NameEs = "",
                    NameEn = "",
                    Json = "",
                    ReviewDeadlineDays = program.ReviewDeadlineDays,
                    RequireApprovalConfirmation = program.RequireApprovalConfirmation,
                };
                db.Programs.Add(row);
            }

            row.CertifyingBodyId = body.Id;
            row.NameEs = program.Name.Es;
            row.NameEn = program.Name.En;
            row.QuestionnaireVersionId = version.Id;
            row.Json = json;
            row.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            _programs[row.Id] = program;
        }

        // Programs whose file is gone keep working from the copy stored when they were loaded.
        foreach (var row in await db.Programs.AsNoTracking().ToListAsync(ct))
        {
            if (_programs.ContainsKey(row.Id))
            {
                continue;
            }

            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(row.Json));
            var result = ProgramLoader.Load(stream, $"database:{row.Code}", schema);
            if (result.Definition is { } stored)
            {
                _programs[row.Id] = stored;
            }
            else
            {
                Report(result.Errors);
            }
        }
    }

    private void Report(IEnumerable<LoadError> errors)
    {
        foreach (var error in errors)
        {
            Problem($"{error.FileName}: {error.JsonPath}: {error.Reason}");
        }
    }

    private void Problem(string message)
    {
        _problems.Add(message);
        logger.LogError("Questionnaire seed refused: {Problem}", message);
    }
}
