namespace Certify.Domain.Questionnaires;

/// <summary>
/// Loads a questionnaire file: JSON syntax, then the JSON Schema (every rule it can state: types, required fields,
/// positive weights, the yes/no/na triple, which fields go with which question type), then only the rules a schema
/// cannot state (unique codes and option values, range bounds in order, whenAnswers and showIf on existing options of
/// earlier questions). Stops at the first stage that fails and returns every error of that stage.
/// </summary>
public static class QuestionnaireLoader
{
    /// <param name="json">The file content; read to the end, not disposed.</param>
    /// <param name="fileName">Name used in the errors, e.g. <c>drl-auto-2025.1.json</c>.</param>
    /// <param name="schemaJson">Text of <c>questionnaire.schema.json</c>.</param>
    /// <exception cref="System.Text.Json.JsonException">The schema text itself is not valid JSON.</exception>
    public static QuestionnaireLoadResult Load(Stream json, string fileName, string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaJson);

        var errors = new List<LoadError>();
        using var document = JsonText.Parse(json, fileName, errors);
        if (document is null)
        {
            return new QuestionnaireLoadResult(null, errors);
        }

        SchemaCheck.Validate(schemaJson, document.RootElement, fileName, errors);
        if (errors.Count > 0)
        {
            return new QuestionnaireLoadResult(null, errors);
        }

        var reader = new QuestionnaireReader(fileName);
        var definition = reader.Read(document.RootElement, JsonText.CanonicalHash(document.RootElement));
        return reader.Errors.Count > 0 || definition is null
            ? new QuestionnaireLoadResult(null, reader.Errors)
            : new QuestionnaireLoadResult(definition, []);
    }
}
