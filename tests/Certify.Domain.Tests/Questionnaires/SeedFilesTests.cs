using Certify.Domain.Programs;
using Certify.Domain.Questionnaires;
using Certify.Domain.Scoring;

namespace Certify.Domain.Tests.Questionnaires;

/// <summary>
/// The published files under seed/ (linked into the output as Seed/): every questionnaire loads against the real
/// schema, every program loads and points at a loaded questionnaire version.
/// </summary>
public class SeedFilesTests
{
    private static readonly string SeedFolder = Path.Combine(AppContext.BaseDirectory, "Seed");
    private static readonly DateOnly Today = new(2025, 6, 30);

    [Fact]
    public void SeedFiles_AllLoad_WithoutErrors()
    {
        var catalog = LoadQuestionnaires();
        var programFiles = DefinitionFiles("programs");
        var programSchema = Path.Combine(SeedFolder, "programs", "program.schema.json");
        var schemaJson = File.Exists(programSchema) ? File.ReadAllText(programSchema) : null;

        var errors = new List<LoadError>();
        foreach (var file in programFiles)
        {
            using var stream = File.OpenRead(file);
            var result = ProgramLoader.Load(stream, Path.GetFileName(file), schemaJson);
            errors.AddRange(result.Errors);
            if (result.Definition is { } program && catalog.Get(program.Questionnaire.Program, program.Questionnaire.Version) is null)
            {
                errors.Add(new LoadError(Path.GetFileName(file), "$.questionnaire", $"questionnaire {program.Questionnaire.Program} {program.Questionnaire.Version} is not in seed/questionnaires"));
            }
        }

        Assert.NotEmpty(catalog.All);
        Assert.NotEmpty(programFiles);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void SeedQuestionnaires_BestAnswersWithEvidence_CompleteAndScore100()
    {
        var catalog = LoadQuestionnaires();

        Assert.NotEmpty(catalog.All);
        foreach (var definition in catalog.All)
        {
            var sheet = new AnswerSheet(
                definition.Questions.ToDictionary(q => q.Code, Best),
                definition.Questions.ToDictionary(q => q.Code, _ => 1));

            var score = Scorer.Score(definition, sheet, Today);

            Assert.Empty(Completeness.Check(definition, sheet));
            Assert.Equal(100m, score.Overall);
            Assert.True(score.Eligible);
        }
    }

    [Fact]
    public void SampleAnswers_SeedQuestionnaires_CompleteWithTheirEvidenceAndScoreLowerWhereNonCompliant()
    {
        foreach (var definition in LoadQuestionnaires().All)
        {
            var best = SampleAnswers.Fill(definition, Today);
            var worstFirstSection = SampleAnswers.Fill(definition, Today, q => q.SectionCode == definition.Sections[0].Code);

            var complete = new AnswerSheet(best.Answers, best.EvidenceFor.ToDictionary(c => c, _ => 1));
            Assert.NotEmpty(best.EvidenceFor);
            Assert.Equal(best.EvidenceFor, Completeness.Check(definition, new AnswerSheet(best.Answers)).Select(m => m.QuestionCode));
            Assert.Empty(Completeness.Check(definition, complete));
            Assert.Equal(100m, Scorer.Score(definition, complete, Today).Overall);
            var lower = Scorer.Score(definition, new AnswerSheet(worstFirstSection.Answers, worstFirstSection.EvidenceFor.ToDictionary(c => c, _ => 1)), Today);
            Assert.True(lower.Sections[0].Score < 100m, $"{definition.Program}: first section scored {lower.Sections[0].Score}");
            Assert.Equal(100m, lower.Sections[^1].Score);
        }
    }

    private static QuestionnaireCatalog LoadQuestionnaires()
    {
        var files = DefinitionFiles("questionnaires");
        Assert.True(files.Length > 0, $"no questionnaire files in {SeedFolder}; the seed/ folder comes from the content branch");
        var schema = File.ReadAllText(Path.Combine(SeedFolder, "questionnaires", "questionnaire.schema.json"));
        var catalog = new QuestionnaireCatalog();
        var errors = new List<LoadError>();
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            var result = QuestionnaireLoader.Load(stream, Path.GetFileName(file), schema);
            errors.AddRange(result.Errors);
            if (result.Definition is { } definition && catalog.Add(definition).IsConflict)
            {
                errors.Add(new LoadError(Path.GetFileName(file), "$.version", $"{definition.Program} {definition.Version} is in two files"));
            }
        }

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return catalog;
    }

    private static string[] DefinitionFiles(string folder)
    {
        var path = Path.Combine(SeedFolder, folder);
        return Directory.Exists(path)
            ? [.. Directory.GetFiles(path, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>The most compliant answer; for a gate, the one that opens it (the first best option).</summary>
    private static AnswerValue Best(QuestionDefinition question) => question.Type switch
    {
        AnswerType.MultipleChoice => AnswerValue.Choices(question.Options.Where(o => o.Compliance == 1m).Select(o => o.Value)),
        AnswerType.YesNoNa or AnswerType.SingleChoice => AnswerValue.Choice(question.Options.MaxBy(o => o.Compliance ?? -1m)!.Value),
        AnswerType.Number => AnswerValue.Number(question.Ranges.MaxBy(r => r.Compliance ?? -1m) is { } range ? range.Min ?? range.Max ?? 0m : 0m),
        AnswerType.Date => AnswerValue.Date(Today),
        _ => AnswerValue.Text("Respuesta"),
    };
}
