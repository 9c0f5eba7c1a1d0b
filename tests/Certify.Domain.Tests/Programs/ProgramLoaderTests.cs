using System.Text;
using System.Text.Json.Nodes;
using Certify.Domain.Programs;
using Certify.Domain.Tests.Questionnaires;

namespace Certify.Domain.Tests.Programs;

public class ProgramLoaderTests
{
    [Fact]
    public void Load_ValidFile_ReadsEveryField()
    {
        using var stream = File.OpenRead(TestQuestionnaires.PathOf("program.json"));

        var result = ProgramLoader.Load(stream, "program.json");

        Assert.True(result.IsSuccess, string.Join(Environment.NewLine, result.Errors));
        var program = result.Definition!;
        Assert.Equal("TEST", program.Code);
        Assert.Equal("test-body", program.CertifyingBody);
        Assert.Equal("Test program", program.Name.En);
        Assert.Equal(new QuestionnaireReference("TEST", "2025.1"), program.Questionnaire);
        Assert.Equal(["A", "B", "C"], program.Levels.Select(l => l.Code));
        Assert.Equal(new LevelRule("C", 60m, 12, true), program.Levels[2]);
        Assert.Equal(15, program.ReviewDeadlineDays);
        Assert.True(program.RequireApprovalConfirmation);
    }

    [Fact]
    public void Load_InvalidJson_ReportsPath()
    {
        var result = Load("""{ "code": "TEST", "levels": [ { "code": "A" } { "code": "B" } ] }""");

        var error = Assert.Single(result.Errors);
        Assert.Equal("inline.json", error.FileName);
        Assert.Equal("$.levels[1]", error.JsonPath);
        Assert.StartsWith("invalid JSON at line 1", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingReviewDeadline_Refused()
    {
        var result = Load(Mutate(p => p.Remove("reviewDeadlineDays")));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.JsonPath);
        Assert.Equal("'reviewDeadlineDays' is required", error.Reason);
    }

    [Fact]
    public void Load_DuplicateLevelCode_Refused()
    {
        var result = Load(Mutate(p => p["levels"]![2]!["code"] = "C"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.levels[2].code", error.JsonPath);
        Assert.Equal("level code C appears twice", error.Reason);
    }

    [Fact]
    public void Load_LevelsWithSameMinScore_Refused()
    {
        var result = Load(Mutate(p => p["levels"]![1]!["minScore"] = 60));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.levels[1].minScore", error.JsonPath);
        Assert.Equal("levels C and A have the same minScore 60", error.Reason);
    }

    [Theory]
    [InlineData("minScore", 101, "minScore must be from 0 to 100, found 101")]
    [InlineData("validityMonths", 0, "validityMonths must be positive, found 0")]
    public void Load_LevelOutOfRange_Refused(string field, int value, string reason)
    {
        var result = Load(Mutate(p => p["levels"]![0]![field] = value));

        var error = Assert.Single(result.Errors);
        Assert.Equal($"$.levels[0].{field}", error.JsonPath);
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Load_BadProgramCodeAndUnknownProperty_BothReported()
    {
        var result = Load(Mutate(p =>
        {
            p["code"] = "drl auto";
            p["validity"] = 24;
        }));

        Assert.Equal(
            [
                ("$.validity", "property 'validity' is not allowed here"),
                ("$.code", "'code' must be an upper-case program code such as DRL-AUTO, found 'drl auto'"),
            ],
            result.Errors.Select(e => (e.JsonPath, e.Reason)));
    }

    [Fact]
    public void Load_WithSchema_SchemaErrorsReported()
    {
        const string schema = """
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
              "properties": { "reviewDeadlineDays": { "type": "integer", "maximum": 30 } } }
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Mutate(p => p["reviewDeadlineDays"] = 45)));

        var result = ProgramLoader.Load(stream, "inline.json", schema);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.reviewDeadlineDays", error.JsonPath);
        Assert.Contains("schema keyword 'maximum'", error.Reason, StringComparison.Ordinal);
    }

    private static ProgramLoadResult Load(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return ProgramLoader.Load(stream, "inline.json");
    }

    private static string Mutate(Action<JsonObject> change)
    {
        var program = JsonNode.Parse(File.ReadAllText(TestQuestionnaires.PathOf("program.json")))!.AsObject();
        change(program);
        return program.ToJsonString();
    }
}
