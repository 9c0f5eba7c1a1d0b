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

    [Fact]
    public void CurrentQuestionnaire_SpanishTexts_SpeakToTheReaderAsTuLikeTheRestOfTheProduct()
    {
        var usted = new[] { "Marque", "Responda", "Verifique", "Pida ", "Revise", "Anote", "Compare", "Entregue", "Lleve", "Coordínese", " usted", " su empresa", " sus supervisores", "¿Tiene ", "¿Paga ", "¿Otorga " };

        var offending = CurrentQuestionnaire().Questions
            .SelectMany(q => new[] { q.Text.Es, q.Help?.Es, q.Evidence.Hint?.Es }.OfType<string>().Select(text => (q.Code, text)))
            .SelectMany(t => usted.Where(word => t.text.Contains(word, StringComparison.Ordinal)).Select(word => $"{t.Code}: «{word.Trim()}»"))
            .ToList();

        Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
    }

    [Fact]
    public void CurrentQuestionnaire_EveryAcronym_IsInTheGlossaryAndSpelledOutWhereItFirstAppearsInAHelpText()
    {
        var definition = CurrentQuestionnaire();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var question in definition.Questions)
        {
            foreach (var (language, help) in new[] { ("es", question.Help?.Es), ("en", question.Help?.En) })
            {
                foreach (var term in Glossary.FoundIn(help))
                {
                    if (seen.Add($"{language}:{term.Term}") && !Mentions(help!, term, language))
                    {
                        missing.Add($"{question.Code} ({language}): {term.Term} is used in the help before it is spelled out");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void CurrentQuestionnaire_LegalBasisInEnglish_KeepsTheCitationAndHasNoSpanishDescription()
    {
        var spanish = new[] { "Ver ", "transitorio", "reforma", "Anexo", "Acuerdo", "Ley del" };

        foreach (var question in CurrentQuestionnaire().Questions)
        {
            var basis = question.LegalBasis ?? throw new Xunit.Sdk.XunitException($"{question.Code} has no legal basis");
            Assert.DoesNotContain(spanish, word => basis.En.Contains(word, StringComparison.Ordinal));
            Assert.Equal(Citations(basis.Es), Citations(basis.En));
        }
    }

    /// <summary>The help spells the term out (its name, or for the Spanish text its name in parentheses).</summary>
    private static bool Mentions(string help, GlossaryTerm term, string language) =>
        term.Term is "T-MEC" or "MLRR" or "NMX-R-025" or "LFT" or "DOF" or "CCT" or "PTU"
        || help.Contains(language == "es" ? term.Name.Es : term.Name.En, StringComparison.OrdinalIgnoreCase)
        || NamedInHelp.TryGetValue(term.Term, out var names) && names.Any(n => help.Contains(n, StringComparison.OrdinalIgnoreCase));

    /// <summary>How the help texts spell out a term where a plainer wording than the glossary name reads better.</summary>
    private static readonly Dictionary<string, string[]> NamedInHelp = new(StringComparer.Ordinal)
    {
        ["CFDI"] = ["recibos de nómina timbrados", "digitally stamped payroll receipts"],
        ["ICSOE"] = ["Informativa de Contratos de Servicios u Obras Especializadas", "report of specialised service contracts"],
        ["SISUB"] = ["Sistema de Información de Subcontratación", "subcontracting information system"],
        ["REPSE"] = ["Register of Specialised Service and Works Providers"],
        ["SAT"] = ["Servicio de Administración Tributaria", "tax authority"],
        ["NOM-035"] = ["norma oficial de la STPS", "STPS official standard"],
        ["STPS"] = ["Ministry of Labour"],
        ["INFONAVIT"] = ["National Workers' Housing Fund Institute"],
    };

    private static string Citations(string basis) => string.Concat(basis.Where(c => char.IsDigit(c) || c == '-'));

    private static QuestionnaireDefinition CurrentQuestionnaire()
    {
        var programFile = DefinitionFiles("programs").Single();
        using var stream = File.OpenRead(programFile);
        var program = ProgramLoader.Load(stream, Path.GetFileName(programFile), File.ReadAllText(Path.Combine(SeedFolder, "programs", "program.schema.json"))).Definition!;
        return LoadQuestionnaires().Get(program.Questionnaire.Program, program.Questionnaire.Version)!;
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
