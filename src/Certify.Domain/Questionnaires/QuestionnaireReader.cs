using System.Globalization;
using System.Text.Json;

namespace Certify.Domain.Questionnaires;

/// <summary>
/// Builds a <see cref="QuestionnaireDefinition"/> from a document that passed the JSON Schema, and checks only what a
/// schema cannot say: codes unique across the file, option values unique within a question, ranges whose minimum is
/// not above their maximum, evidence conditions on the question's own options, and showIf conditions on earlier choice
/// questions and their existing options.
/// </summary>
internal sealed class QuestionnaireReader(string fileName)
{
    public List<LoadError> Errors { get; } = [];

    public QuestionnaireDefinition? Read(JsonElement root, string contentHash)
    {
        QuestionnaireFile? file;
        try
        {
            file = root.Deserialize<QuestionnaireFile>(QuestionnaireFile.Options);
        }
        catch (JsonException e)
        {
            // Only a schema looser than questionnaire.schema.json lets such a file through.
            Error(e.Path is { Length: > 0 } p ? p : JsonPaths.Root, $"the file does not have the questionnaire's shape: {e.Message}");
            return null;
        }

        if (file is null)
        {
            Error(JsonPaths.Root, "the file is empty");
            return null;
        }

        var positions = IndexCodes(file);
        var built = new Dictionary<string, QuestionDefinition>(StringComparer.Ordinal);
        var sections = new List<SectionDefinition>();
        var position = 0;
        for (var s = 0; s < file.Sections.Count; s++)
        {
            var section = file.Sections[s];
            var questions = new List<QuestionDefinition>();
            for (var q = 0; q < section.Questions.Count; q++)
            {
                var path = QuestionPath(s, q);
                var question = Build(section.Questions[q], path, section.Code, position++, positions, built);
                if (question is not null)
                {
                    questions.Add(question);
                    built.TryAdd(question.Code, question);
                }
            }

            sections.Add(new SectionDefinition(section.Code, section.Weight ?? 1m, section.Title, section.Description, [.. questions]));
        }

        return Errors.Count > 0 ? null : new QuestionnaireDefinition(file.Program, file.Version, file.Title, [.. sections], contentHash);
    }

    /// <summary>Document position of every question code's first use; repeated section and question codes are errors.</summary>
    private Dictionary<string, (string Path, int Position)> IndexCodes(QuestionnaireFile file)
    {
        var sectionPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        var codes = new Dictionary<string, (string Path, int Position)>(StringComparer.Ordinal);
        var position = 0;
        for (var s = 0; s < file.Sections.Count; s++)
        {
            var sectionPath = JsonPaths.Index(JsonPaths.Property(JsonPaths.Root, "sections"), s);
            var section = file.Sections[s];
            if (!sectionPaths.TryAdd(section.Code, sectionPath))
            {
                Error(JsonPaths.Property(sectionPath, "code"), $"section code {section.Code} is already used at {sectionPaths[section.Code]}");
            }

            for (var q = 0; q < section.Questions.Count; q++)
            {
                var code = section.Questions[q].Code;
                if (codes.TryGetValue(code, out var first))
                {
                    Error(JsonPaths.Property(QuestionPath(s, q), "code"), $"question code {code} is already used at {first.Path}");
                }
                else
                {
                    codes.Add(code, (QuestionPath(s, q), position));
                }

                position++;
            }
        }

        return codes;
    }

    private QuestionDefinition? Build(
        QuestionFile file, string path, string sectionCode, int position,
        Dictionary<string, (string Path, int Position)> positions, Dictionary<string, QuestionDefinition> built)
    {
        var errorsBefore = Errors.Count;
        var scored = (file.Scored ?? true) && file.Type != AnswerType.Text;
        var options = Options(file, path);
        var ranges = Ranges(file, path);
        var evidence = Evidence(file, path, options);
        var (showIf, showIfPositions) = ShowIf(file, path, position, positions, built);
        if (Errors.Count > errorsBefore)
        {
            return null;
        }

        return new QuestionDefinition(
            file.Code, sectionCode, position, file.Text, file.Help, LegalBasis(file.LegalBasis), file.Type, file.Required ?? true,
            scored, scored ? file.Weight ?? 0m : 0m, scored ? file.Severity : null, options, ranges, file.Type == AnswerType.Date ? file.MaxAgeMonths : null,
            evidence, showIf, showIfPositions);
    }

    /// <summary>A citation written once for both languages, or a pair when its description needs translating.</summary>
    private static LocalizedText? LegalBasis(JsonElement? legalBasis) => legalBasis switch
    {
        { ValueKind: JsonValueKind.String } citation => new LocalizedText(citation.GetString()!, citation.GetString()!),
        { ValueKind: JsonValueKind.Object } pair => pair.Deserialize<LocalizedText>(QuestionnaireFile.Options),
        _ => null,
    };

    private AnswerOption[] Options(QuestionFile file, string path)
    {
        var options = new List<AnswerOption>();
        var list = file.Options ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var option = list[i];
            if (option.Value is null || option.Label is null)
            {
                Error(JsonPaths.Index(JsonPaths.Property(path, "options"), i), "an option needs a value and a label");
            }
            else if (options.Exists(o => o.Value == option.Value))
            {
                Error(JsonPaths.Property(JsonPaths.Index(JsonPaths.Property(path, "options"), i), "value"), $"option value '{option.Value}' appears twice in {file.Code}");
            }
            else
            {
                options.Add(new AnswerOption(option.Value, option.Label, option.Score));
            }
        }

        return [.. options];
    }

    private NumberRange[] Ranges(QuestionFile file, string path)
    {
        var list = file.Ranges ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is { Min: { } low, Max: { } high } && low > high)
            {
                Error(JsonPaths.Index(JsonPaths.Property(path, "ranges"), i), $"range min {Format(low)} is greater than max {Format(high)}");
            }
        }

        return [.. list.Select(r => new NumberRange(r.Min, r.Max, r.Score))];
    }

    private EvidenceRule Evidence(QuestionFile file, string path, AnswerOption[] options)
    {
        if (file.Evidence is not { } evidence)
        {
            return EvidenceRule.None;
        }

        var whenAnswers = evidence.WhenAnswers ?? [];
        for (var i = 0; i < whenAnswers.Count; i++)
        {
            if (!options.Any(o => o.Value == whenAnswers[i]))
            {
                Error(JsonPaths.Index(JsonPaths.Property(JsonPaths.Property(path, "evidence"), "whenAnswers"), i),
                    $"whenAnswers lists '{whenAnswers[i]}', which is not an option of {file.Code} (options: {List(options.Select(o => o.Value))})");
            }
        }

        return new EvidenceRule(evidence.Rule, [.. whenAnswers], evidence.Hint);
    }

    private (ShowIf? ShowIf, int[] Positions) ShowIf(
        QuestionFile file, string path, int position,
        Dictionary<string, (string Path, int Position)> positions, Dictionary<string, QuestionDefinition> built)
    {
        if (file.ShowIf is not { } showIf)
        {
            return (null, []);
        }

        var (mode, modeName, list) = showIf.All is { } all ? (ShowIfMode.All, "all", all) : (ShowIfMode.Any, "any", showIf.Any ?? []);
        var conditionsPath = JsonPaths.Property(JsonPaths.Property(path, "showIf"), modeName);
        var conditions = new List<ShowIfCondition>();
        var conditionPositions = new List<int>();
        for (var i = 0; i < list.Count; i++)
        {
            var conditionPath = JsonPaths.Index(conditionsPath, i);
            if (Condition(list[i], conditionPath, file.Code, position, positions, built) is { } resolved)
            {
                conditions.Add(resolved.Condition);
                conditionPositions.Add(resolved.Position);
            }
        }

        return (new ShowIf(mode, [.. conditions]), [.. conditionPositions]);
    }

    private (ShowIfCondition Condition, int Position)? Condition(
        ConditionFile condition, string path, string code, int position,
        Dictionary<string, (string Path, int Position)> positions, Dictionary<string, QuestionDefinition> built)
    {
        var target = condition.Question;
        var questionPath = JsonPaths.Property(path, "question");
        if (!positions.TryGetValue(target, out var referenced))
        {
            Error(questionPath, $"showIf refers to {target}, which does not exist in this questionnaire");
            return null;
        }

        if (referenced.Position == position)
        {
            Error(questionPath, $"showIf of {code} refers to the question itself");
            return null;
        }

        if (referenced.Position > position)
        {
            Error(questionPath, $"showIf refers to {target}, which comes after {code}");
            return null;
        }

        if (!built.TryGetValue(target, out var question))
        {
            // The earlier question failed to load; its own errors say why.
            return null;
        }

        if (!question.IsChoice)
        {
            Error(questionPath, $"showIf refers to {target}, a {Name(question.Type)} question; conditions need a choice question");
            return null;
        }

        var values = condition.EqualTo is { } equals
            ? [(equals, JsonPaths.Property(path, "equals"))]
            : (condition.In ?? []).Select((value, i) => (value, JsonPaths.Index(JsonPaths.Property(path, "in"), i))).ToList();
        var unknown = values.Where(v => question.FindOption(v.Item1) is null).ToList();
        foreach (var (value, valuePath) in unknown)
        {
            Error(valuePath, $"showIf refers to option '{value}', which {target} does not have (options: {List(question.Options.Select(o => o.Value))})");
        }

        return unknown.Count == 0 ? (new ShowIfCondition(target, [.. values.Select(v => v.Item1)]), referenced.Position) : null;
    }

    private void Error(string path, string reason) => Errors.Add(new LoadError(fileName, path, reason));

    private static string QuestionPath(int section, int question) =>
        JsonPaths.Index(JsonPaths.Property(JsonPaths.Index(JsonPaths.Property(JsonPaths.Root, "sections"), section), "questions"), question);

    private static string Name(AnswerType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    private static string List(IEnumerable<string> values)
    {
        var text = string.Join(", ", values);
        return text.Length == 0 ? "none" : text;
    }

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
