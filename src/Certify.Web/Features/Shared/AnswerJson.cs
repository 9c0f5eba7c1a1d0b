using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Certify.Domain.Questionnaires;

namespace Certify.Web.Features.Shared;

/// <summary>How an <see cref="AnswerValue"/> is stored in a row: {"kind":"choice","value":"yes"} and so on.</summary>
public static class AnswerJson
{
    public static string? Serialize(AnswerValue? value) => value is null ? null : (value.Kind switch
    {
        AnswerKind.Choice => new JsonObject { ["kind"] = "choice", ["value"] = value.ChoiceValue },
        AnswerKind.Choices => new JsonObject { ["kind"] = "choices", ["values"] = new JsonArray([.. value.ChoiceValues.Select(v => JsonValue.Create(v))]) },
        AnswerKind.Number => new JsonObject { ["kind"] = "number", ["value"] = value.NumberValue },
        AnswerKind.Date => new JsonObject { ["kind"] = "date", ["value"] = value.DateValue!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        _ => new JsonObject { ["kind"] = "text", ["value"] = value.TextValue },
    }).ToJsonString();

    public static AnswerValue? Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        var node = JsonNode.Parse(json)!.AsObject();
        return (string?)node["kind"] switch
        {
            "choice" => AnswerValue.Choice((string)node["value"]!),
            "choices" => AnswerValue.Choices(node["values"]!.AsArray().Select(v => (string)v!)),
            "number" => AnswerValue.Number((decimal)node["value"]!),
            "date" => AnswerValue.Date(DateOnly.ParseExact((string)node["value"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
            "text" => AnswerValue.Text((string)node["value"]!),
            var kind => throw new JsonException($"Unknown answer kind '{kind}'."),
        };
    }
}
