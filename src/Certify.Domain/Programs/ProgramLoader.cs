using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Certify.Domain.Questionnaires;

namespace Certify.Domain.Programs;

/// <summary>
/// Loads a program file (<c>seed/programs/*.json</c>). The rules of the format are checked here in code, so no
/// schema is needed; when the caller has <c>program.schema.json</c> it can pass it and the file is checked against it
/// first.
/// </summary>
public static partial class ProgramLoader
{
    /// <param name="json">The file content; read to the end, not disposed.</param>
    /// <param name="fileName">Name used in the errors, e.g. <c>drl-auto.json</c>.</param>
    /// <param name="schemaJson">Text of <c>program.schema.json</c>, or null to rely on the checks in code.</param>
    /// <exception cref="JsonException">The schema text itself is not valid JSON.</exception>
    public static ProgramLoadResult Load(Stream json, string fileName, string? schemaJson = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);

        var errors = new List<LoadError>();
        using var document = JsonText.Parse(json, fileName, errors);
        if (document is null)
        {
            return new ProgramLoadResult(null, errors);
        }

        if (schemaJson is not null)
        {
            SchemaCheck.Validate(schemaJson, document.RootElement, fileName, errors);
            if (errors.Count > 0)
            {
                return new ProgramLoadResult(null, errors);
            }
        }

        var fields = new JsonFieldReader(fileName);
        var program = Read(document.RootElement, fields);
        return fields.Errors.Count > 0 || program is null
            ? new ProgramLoadResult(null, fields.Errors)
            : new ProgramLoadResult(program, []);
    }

    private static ProgramDefinition? Read(JsonElement root, JsonFieldReader fields)
    {
        const string path = JsonPaths.Root;
        if (!fields.IsObject(root, path))
        {
            return null;
        }

        fields.RejectUnknown(root, path, "$schema", "code", "certifyingBody", "name", "questionnaire", "levels", "reviewDeadlineDays", "requireApprovalConfirmation");
        var code = Matching(fields, root, path, "code", ProgramCode(), "an upper-case program code such as DRL-AUTO");
        var certifyingBody = Matching(fields, root, path, "certifyingBody", Slug(), "a slug of lower-case letters, digits and hyphens");
        var name = fields.Text(root, path, "name");
        var questionnaire = ReadQuestionnaire(root, path, fields);
        var levels = ReadLevels(root, path, fields);
        var reviewDeadlineDays = fields.Integer(root, path, "reviewDeadlineDays");
        if (reviewDeadlineDays is <= 0)
        {
            fields.Error(JsonPaths.Property(path, "reviewDeadlineDays"), $"reviewDeadlineDays must be positive, found {reviewDeadlineDays}");
        }

        var requireApprovalConfirmation = fields.Boolean(root, path, "requireApprovalConfirmation") ?? false;
        if (fields.Errors.Count > 0 || code is null || certifyingBody is null || name is null || questionnaire is null || reviewDeadlineDays is null)
        {
            return null;
        }

        return new ProgramDefinition(code, certifyingBody, name, questionnaire, levels, reviewDeadlineDays.Value, requireApprovalConfirmation);
    }

    private static QuestionnaireReference? ReadQuestionnaire(JsonElement root, string path, JsonFieldReader fields)
    {
        if (fields.Object(root, path, "questionnaire") is not { } element)
        {
            return null;
        }

        var questionnairePath = JsonPaths.Property(path, "questionnaire");
        fields.RejectUnknown(element, questionnairePath, "program", "version");
        var program = Matching(fields, element, questionnairePath, "program", ProgramCode(), "an upper-case program code such as DRL-AUTO");
        var version = Matching(fields, element, questionnairePath, "version", QuestionnaireVersion(), "a version such as 2025.1");
        return program is null || version is null ? null : new QuestionnaireReference(program, version);
    }

    private static List<LevelRule> ReadLevels(JsonElement root, string path, JsonFieldReader fields)
    {
        var levels = new List<LevelRule>();
        if (fields.Array(root, path, "levels") is not { } array)
        {
            return levels;
        }

        var levelsPath = JsonPaths.Property(path, "levels");
        if (array.GetArrayLength() == 0)
        {
            fields.Error(levelsPath, "a program needs at least one level");
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var levelPath = JsonPaths.Index(levelsPath, index++);
            if (!fields.IsObject(element, levelPath))
            {
                continue;
            }

            fields.RejectUnknown(element, levelPath, "code", "minScore", "validityMonths", "correctiveActionPlanRequired");
            var code = fields.String(element, levelPath, "code");
            var minScore = fields.Number(element, levelPath, "minScore");
            var validityMonths = fields.Integer(element, levelPath, "validityMonths");
            var actionPlan = fields.Boolean(element, levelPath, "correctiveActionPlanRequired") ?? false;
            if (minScore is < 0 or > 100)
            {
                fields.Error(JsonPaths.Property(levelPath, "minScore"), $"minScore must be from 0 to 100, found {minScore.Value.ToString(CultureInfo.InvariantCulture)}");
            }

            if (validityMonths is <= 0)
            {
                fields.Error(JsonPaths.Property(levelPath, "validityMonths"), $"validityMonths must be positive, found {validityMonths}");
            }

            if (code is not null && levels.Exists(l => l.Code == code))
            {
                fields.Error(JsonPaths.Property(levelPath, "code"), $"level code {code} appears twice");
            }
            else if (minScore is { } min && levels.Find(l => l.MinScore == min) is { } same)
            {
                fields.Error(JsonPaths.Property(levelPath, "minScore"), $"levels {same.Code} and {code} have the same minScore {min.ToString(CultureInfo.InvariantCulture)}");
            }

            if (code is not null && minScore is not null && validityMonths is not null)
            {
                levels.Add(new LevelRule(code, minScore.Value, validityMonths.Value, actionPlan));
            }
        }

        return levels;
    }

    private static string? Matching(JsonFieldReader fields, JsonElement element, string path, string name, Regex pattern, string expected)
    {
        var value = fields.String(element, path, name);
        if (value is not null && !pattern.IsMatch(value))
        {
            fields.Error(JsonPaths.Property(path, name), $"'{name}' must be {expected}, found '{value}'");
            return null;
        }

        return value;
    }

    [GeneratedRegex(@"^[A-Z][A-Z0-9-]{1,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProgramCode();

    [GeneratedRegex(@"^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();

    [GeneratedRegex(@"^\d{4}\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex QuestionnaireVersion();
}
