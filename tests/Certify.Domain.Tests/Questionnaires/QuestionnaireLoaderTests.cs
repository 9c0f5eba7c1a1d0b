using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Certify.Domain.Questionnaires;

namespace Certify.Domain.Tests.Questionnaires;

public class QuestionnaireLoaderTests
{
    [Fact]
    public void Load_ValidFile_BuildsDefinitionInDocumentOrder()
    {
        var definition = TestQuestionnaires.Valid();

        Assert.Equal("TEST", definition.Program);
        Assert.Equal("2025.1", definition.Version);
        Assert.Equal(["GEN", "EQU"], definition.Sections.Select(s => s.Code));
        Assert.Equal(
            ["GEN-01", "GEN-02", "GEN-03", "GEN-04", "GEN-05", "GEN-06", "GEN-07", "EQU-01", "EQU-02", "EQU-03"],
            definition.Questions.Select(q => q.Code));
        Assert.Same(definition.Questions[1], definition.QuestionsByCode["GEN-02"]);
        Assert.Matches("^[0-9a-f]{64}$", definition.ContentHash);
    }

    [Fact]
    public void Load_ValidFile_ReadsEveryPartOfAQuestion()
    {
        var definition = TestQuestionnaires.Valid();
        var gen02 = definition.FindQuestion("GEN-02")!;
        var gen03 = definition.FindQuestion("GEN-03")!;
        var gen05 = definition.FindQuestion("GEN-05")!;
        var gen07 = definition.FindQuestion("GEN-07")!;

        Assert.Equal(AnswerType.YesNoNa, gen02.Type);
        Assert.Equal("GEN", gen02.SectionCode);
        Assert.Equal(3m, gen02.Weight);
        Assert.Equal(Severity.Critical, gen02.Severity);
        Assert.Equal(new LocalizedText("LFT art. 1", "LFT art. 1"), gen02.LegalBasis);
        Assert.Equal([1m, 0m, null], gen02.Options.Select(o => o.Compliance));
        Assert.Equal(EvidenceRequirement.Required, gen02.Evidence.Rule);
        Assert.Equal(["yes"], gen02.Evidence.WhenAnswers);
        Assert.Equal("Contract", gen02.Evidence.Hint!.En);
        Assert.Equal("GEN-02", gen03.ShowIf!.Conditions[0].QuestionCode);
        Assert.Equal(["yes", "no"], gen03.ShowIf.Conditions[0].Values);
        Assert.Equal(ShowIfMode.All, gen03.ShowIf.Mode);
        Assert.Equal(ShowIfMode.Any, definition.FindQuestion("EQU-03")!.ShowIf!.Mode);
        Assert.Equal(new NumberRange(1m, 10m, 0.5m), gen05.Ranges[1]);
        Assert.Equal(12, definition.FindQuestion("GEN-06")!.MaxAgeMonths);
        Assert.False(gen07.Scored);
        Assert.False(gen07.Required);
        Assert.Equal(0m, gen07.Weight);
        Assert.Null(gen07.Severity);
    }

    [Fact]
    public void Load_SameContentReformatted_KeepsContentHash()
    {
        var original = File.ReadAllText(TestQuestionnaires.PathOf("valid.json"));
        using var parsed = JsonDocument.Parse(original);
        var reformatted = JsonSerializer.Serialize(parsed.RootElement, new JsonSerializerOptions { WriteIndented = true, IndentCharacter = '\t', IndentSize = 1 })
            .Replace("\n", "\r\n", StringComparison.Ordinal);

        var first = Load(original);
        var second = Load("\uFEFF" + reformatted);

        Assert.Equal(first.Definition!.ContentHash, second.Definition!.ContentHash);
    }

    [Fact]
    public void Load_ChangedText_ChangesContentHash()
    {
        var original = TestQuestionnaires.Valid();
        var changed = TestQuestionnaires.LoadOrFail("valid-changed.json");

        Assert.NotEqual(original.ContentHash, changed.ContentHash);
    }

    [Fact]
    public void Load_InvalidJson_ReportsFilePathLineAndByte()
    {
        var result = TestQuestionnaires.Load("invalid-json.json");

        var error = Assert.Single(result.Errors);
        Assert.False(result.IsSuccess);
        Assert.Equal("invalid-json.json", error.FileName);
        Assert.Equal("$.sections[0]", error.JsonPath);
        Assert.StartsWith("invalid JSON at line 5, byte 35: ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RepeatedProperty_Refused()
    {
        var result = Load("""{ "program": "TEST", "version": "2025.1", "title": { "es": "a", "en": "b", "es": "c" }, "sections": [] }""");

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.title.es", error.JsonPath);
        Assert.Equal("property 'es' appears twice in the same object", error.Reason);
    }

    [Fact]
    public void Load_SchemaViolationMissingCode_ReportsObjectPathAndKeyword()
    {
        var result = TestQuestionnaires.Load("missing-code.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal("missing-code.json", error.FileName);
        Assert.Equal("$.sections[0].questions[1]", error.JsonPath);
        Assert.Equal("Required properties [\"code\"] are not present (schema keyword 'required')", error.Reason);
    }

    [Fact]
    public void Load_DuplicateQuestionCode_Refused()
    {
        var result = TestQuestionnaires.Load("duplicate-code.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal("duplicate-code.json", error.FileName);
        Assert.Equal("$.sections[1].questions[1].code", error.JsonPath);
        Assert.Equal("question code GEN-04 is already used at $.sections[0].questions[3]", error.Reason);
    }

    [Fact]
    public void Load_DuplicateSectionCode_Refused()
    {
        var result = Load(Mutate(d => d["sections"]![1]!["code"] = "GEN"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sections[1].code", error.JsonPath);
        Assert.Equal("section code GEN is already used at $.sections[0]", error.Reason);
    }

    [Fact]
    public void Load_ShowIfForwardReference_Refused()
    {
        var result = TestQuestionnaires.Load("showif-forward.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal("showif-forward.json", error.FileName);
        Assert.Equal("$.sections[0].questions[1].showIf.all[0].question", error.JsonPath);
        Assert.Equal("showIf refers to GEN-03, which comes after GEN-02", error.Reason);
    }

    [Fact]
    public void Load_ShowIfUnknownQuestion_Refused()
    {
        var result = Load(Mutate(d => d["sections"]![0]!["questions"]![1]!["showIf"]!["all"]![0]!["question"] = "GEN-99"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sections[0].questions[1].showIf.all[0].question", error.JsonPath);
        Assert.Equal("showIf refers to GEN-99, which does not exist in this questionnaire", error.Reason);
    }

    [Fact]
    public void Load_ShowIfUnknownOption_Refused()
    {
        var result = TestQuestionnaires.Load("showif-unknown-option.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal("showif-unknown-option.json", error.FileName);
        Assert.Equal("$.sections[0].questions[2].showIf.all[0].in[1]", error.JsonPath);
        Assert.Equal("showIf refers to option 'maybe', which GEN-02 does not have (options: yes, no, na)", error.Reason);
    }

    [Fact]
    public void Load_ShowIfOnNumberQuestion_Refused()
    {
        var result = Load(Mutate(d => d["sections"]![1]!["questions"]![2]!["showIf"] = Parse("""{ "any": [{ "question": "GEN-05", "equals": "yes" }] }""")));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sections[1].questions[2].showIf.any[0].question", error.JsonPath);
        Assert.Equal("showIf refers to GEN-05, a number question; conditions need a choice question", error.Reason);
    }

    [Fact]
    public void Load_NonPositiveWeight_RefusedByTheSchema()
    {
        var result = TestQuestionnaires.Load("non-positive-weight.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal("non-positive-weight.json", error.FileName);
        Assert.Equal("$.sections[1].questions[1].weight", error.JsonPath);
        Assert.EndsWith("(schema keyword 'exclusiveMinimum')", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OptionWithoutCompliance_RefusedByTheSchema()
    {
        var result = TestQuestionnaires.Load("option-without-compliance.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sections[0].questions[2].options[1]", error.JsonPath);
        Assert.Equal("Required properties [\"compliance\"] are not present (schema keyword 'required')", error.Reason);
    }

    /// <summary>Rules the schema states, so the loader does not check them again: each file is refused at the schema stage.</summary>
    [Theory]
    [InlineData("weight missing", "$.sections[1].questions[1]", "Required properties [\"weight\"] are not present (schema keyword 'required')")]
    [InlineData("yesNoNa without na", "$.sections[1].questions[0].options", "Value should have at least 3 items (schema keyword 'minItems')")]
    [InlineData("compliance 2", "$.sections[1].questions[1].options[0].compliance", "Value should match one of the values specified by the enum (schema keyword 'enum')")]
    [InlineData("number without ranges", "$.sections[0].questions[4]", "Required properties [\"ranges\"] are not present (schema keyword 'required')")]
    [InlineData("options on a number question", "$.sections[0].questions[4].options", "property 'options' is not allowed here (schema)")]
    public void Load_SchemaRule_RefusedBeforeTheLoaderReadsTheFile(string change, string path, string reason)
    {
        var result = Load(Mutate(d =>
        {
            switch (change)
            {
                case "weight missing":
                    d["sections"]![1]!["questions"]!.AsArray()[1]!.AsObject().Remove("weight");
                    break;
                case "yesNoNa without na":
                    d["sections"]![1]!["questions"]![0]!["options"]!.AsArray().RemoveAt(2);
                    break;
                case "compliance 2":
                    d["sections"]![1]!["questions"]![1]!["options"]![0]!["compliance"] = 2;
                    break;
                case "number without ranges":
                    d["sections"]![0]!["questions"]!.AsArray()[4]!.AsObject().Remove("ranges");
                    break;
                default:
                    d["sections"]![0]!["questions"]![4]!["options"] = Parse("""[{ "value": "a", "label": { "es": "a", "en": "a" }, "compliance": 1 }, { "value": "b", "label": { "es": "b", "en": "b" }, "compliance": 0 }]""");
                    break;
            }
        }));

        Assert.Contains(result.Errors, e => e.JsonPath == path && e.Reason == reason);
    }

    [Fact]
    public void Load_RangeMinAboveMax_Refused()
    {
        var result = Load(Mutate(d => d["sections"]![0]!["questions"]![4]!["ranges"]![1]!["min"] = 20));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sections[0].questions[4].ranges[1]", error.JsonPath);
        Assert.Equal("range min 20 is greater than max 10", error.Reason);
    }

    [Fact]
    public void Load_WhenAnswersUnknownOption_Refused()
    {
        var result = Load(Mutate(d => d["sections"]![0]!["questions"]![1]!["evidence"]!["whenAnswers"] = Parse("""["yes", "si"]""")));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sections[0].questions[1].evidence.whenAnswers[1]", error.JsonPath);
        Assert.Equal("whenAnswers lists 'si', which is not an option of GEN-02 (options: yes, no, na)", error.Reason);
    }

    [Fact]
    public void Load_OptionValueTwice_Refused()
    {
        var result = Load(Mutate(d => d["sections"]![1]!["questions"]![1]!["options"]![1]!["value"] = "yes"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sections[1].questions[1].options[1].value", error.JsonPath);
        Assert.Equal("option value 'yes' appears twice in EQU-02", error.Reason);
    }

    [Fact]
    public void Load_SeveralErrors_ReportsEveryOne()
    {
        var result = Load(Mutate(d =>
        {
            d["sections"]![1]!["questions"]![1]!["weight"] = -1;
            d["sections"]![1]!["weight"] = 0;
        }));

        Assert.Equal(
            ["$.sections[1].weight", "$.sections[1].questions[1].weight"],
            result.Errors.Select(e => e.JsonPath));
    }

    private static QuestionnaireLoadResult Load(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return QuestionnaireLoader.Load(stream, "inline.json", TestQuestionnaires.Schema);
    }

    private static string Mutate(Action<JsonNode> change)
    {
        var document = JsonNode.Parse(File.ReadAllText(TestQuestionnaires.PathOf("valid.json")))!;
        change(document);
        return document.ToJsonString();
    }

    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;
}
