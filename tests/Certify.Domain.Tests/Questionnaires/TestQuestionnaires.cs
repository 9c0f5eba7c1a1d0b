using System.Text;
using System.Text.Json.Nodes;
using Certify.Domain.Questionnaires;

namespace Certify.Domain.Tests.Questionnaires;

/// <summary>Fixture files from TestData and small questionnaires built in code, loaded through the real loader.</summary>
internal static class TestQuestionnaires
{
    /// <summary>The real schema the app validates against: the loader trusts it, so tests go through it too.</summary>
    public static string Schema { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", "questionnaires", "questionnaire.schema.json"));

    /// <summary>
    /// The real schema without the code patterns and the help/legal-basis requirement, for the small questionnaires the
    /// scoring and visibility tests build in code (codes such as "A-1", no help texts); every shape rule still holds.
    /// </summary>
    private static string BuilderSchema { get; } = Relax(Schema);

    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "TestData", fileName);

    public static QuestionnaireLoadResult Load(string fileName)
    {
        using var stream = File.OpenRead(PathOf(fileName));
        return QuestionnaireLoader.Load(stream, fileName, Schema);
    }

    /// <summary>TestData/valid.json: GEN-01 gates GEN-02, which gates GEN-03; EQU-03 shows if GEN-01 = no or EQU-01 = yes.</summary>
    public static QuestionnaireDefinition Valid() => LoadOrFail("valid.json");

    public static QuestionnaireDefinition LoadOrFail(string fileName)
    {
        var result = Load(fileName);
        Assert.True(result.IsSuccess, string.Join(Environment.NewLine, result.Errors));
        return result.Definition!;
    }

    public static QuestionnaireDefinition Build(params JsonObject[] sections) => Build("2025.1", sections);

    public static QuestionnaireDefinition Build(string version, params JsonObject[] sections)
    {
        var document = new JsonObject
        {
            ["program"] = "TEST",
            ["version"] = version,
            ["title"] = Text("Prueba"),
            ["sections"] = new JsonArray([.. sections]),
        };
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString()));
        var result = QuestionnaireLoader.Load(stream, "built.json", BuilderSchema);
        Assert.True(result.IsSuccess, string.Join(Environment.NewLine, result.Errors));
        return result.Definition!;
    }

    public static JsonObject Section(string code, decimal weight, params JsonObject[] questions) => new()
    {
        ["code"] = code,
        ["weight"] = weight,
        ["title"] = Text(code),
        ["questions"] = new JsonArray([.. questions]),
    };

    /// <summary>A yesNoNa question: yes compliant, no non-compliant, na not applicable.</summary>
    public static JsonObject YesNoNa(string code, decimal weight, string severity = "minor") =>
        Choice(code, "yesNoNa", weight, severity, ("yes", 1), ("no", 0), ("na", "na"));

    /// <summary>A singleChoice yes (1) / partial (0.5) / no (0).</summary>
    public static JsonObject YesPartialNo(string code, decimal weight, string severity = "major") =>
        Choice(code, "singleChoice", weight, severity, ("yes", 1), ("partial", 0.5m), ("no", 0));

    public static JsonObject Choice(string code, string type, decimal weight, string severity, params (string Value, object Compliance)[] options)
    {
        var question = Question(code, type, weight, severity);
        question["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject
        {
            ["value"] = o.Value,
            ["label"] = Text(o.Value),
            ["compliance"] = o.Compliance switch
            {
                string s => JsonValue.Create(s),
                int i => JsonValue.Create(i),
                decimal d => JsonValue.Create(d),
                _ => throw new ArgumentException("compliance is a string, int or decimal", nameof(options)),
            },
        })]);
        return question;
    }

    public static JsonObject Question(string code, string type, decimal weight, string severity) => new()
    {
        ["code"] = code,
        ["text"] = Text(code),
        ["type"] = type,
        ["weight"] = weight,
        ["severity"] = severity,
    };

    public static JsonObject ShownIf(this JsonObject question, string gate, string value)
    {
        question["showIf"] = new JsonObject { ["all"] = new JsonArray(new JsonObject { ["question"] = gate, ["equals"] = value }) };
        return question;
    }

    public static AnswerSheet Sheet(params (string Code, AnswerValue Answer)[] answers) =>
        new(answers.ToDictionary(a => a.Code, a => a.Answer));

    public static (string, AnswerValue) Answer(string code, string choice) => (code, AnswerValue.Choice(choice));

    private static string Relax(string schema)
    {
        var document = JsonNode.Parse(schema)!;
        var definitions = document["$defs"]!;
        definitions["sectionCode"]!.AsObject().Remove("pattern");
        definitions["questionCode"]!.AsObject().Remove("pattern");
        definitions["question"]!["required"] = new JsonArray("code", "text", "type");
        return document.ToJsonString();
    }

    private static JsonObject Text(string value) => new() { ["es"] = value, ["en"] = value };
}
