using System.Text.Json;
using System.Text.Json.Serialization;

namespace Certify.Domain.Questionnaires;

/// <summary>
/// The shape of a questionnaire file, read only after the file passed <c>questionnaire.schema.json</c>: the schema
/// guarantees types, required fields, enums, positive weights, the yes/no/na triple and which fields go with which
/// question type, so these records hold the data as written and nothing checks it twice.
/// </summary>
internal sealed record QuestionnaireFile(string Program, string Version, LocalizedText Title, IReadOnlyList<SectionFile> Sections)
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        RespectNullableAnnotations = true,
    };
}

internal sealed record SectionFile(string Code, decimal? Weight, LocalizedText Title, LocalizedText? Description, IReadOnlyList<QuestionFile> Questions);

internal sealed record QuestionFile(
    string Code,
    LocalizedText Text,
    LocalizedText? Help,
    JsonElement? LegalBasis,
    AnswerType Type,
    bool? Required,
    bool? Scored,
    decimal? Weight,
    Severity? Severity,
    IReadOnlyList<ComplianceFile>? Options,
    IReadOnlyList<ComplianceFile>? Ranges,
    int? MaxAgeMonths,
    EvidenceFile? Evidence,
    ShowIfFile? ShowIf);

/// <summary>An option (value, label) or a number range (min, max), both mapped to a compliance of 0..1 or "na".</summary>
internal sealed record ComplianceFile(string? Value, LocalizedText? Label, decimal? Min, decimal? Max, JsonElement? Compliance)
{
    /// <summary>The compliance; "na", or none on an unscored question, reads as null (not applicable).</summary>
    public decimal? Score => Compliance is { ValueKind: JsonValueKind.Number } number ? number.GetDecimal() : null;
}

internal sealed record EvidenceFile(EvidenceRequirement Rule, IReadOnlyList<string>? WhenAnswers, LocalizedText? Hint);

internal sealed record ShowIfFile(IReadOnlyList<ConditionFile>? Any, IReadOnlyList<ConditionFile>? All);

internal sealed record ConditionFile(string Question, [property: JsonPropertyName("equals")] string? EqualTo, IReadOnlyList<string>? In);
