using System.Text.Json;
using Json.Schema;

namespace Certify.Domain.Questionnaires;

/// <summary>Validates a parsed file against a JSON Schema and turns each failure into a <see cref="LoadError"/>.</summary>
internal static class SchemaCheck
{
    /// <exception cref="JsonException">The schema text is not valid JSON.</exception>
    public static void Validate(string schemaJson, JsonElement root, string fileName, List<LoadError> errors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaJson);
        // A private registry: the same $id may be built again on the next load without clashing in the global one.
        var schema = JsonSchema.FromText(schemaJson, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var results = schema.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (results.IsValid)
        {
            return;
        }

        var before = errors.Count;
        Collect(results, root, fileName, errors, []);
        if (errors.Count == before)
        {
            errors.Add(new LoadError(fileName, JsonPaths.Root, "the file does not match the schema"));
        }
    }

    /// <summary>
    /// Walks the failing nodes only. A failing <c>if</c> or a failing subschema of <c>not</c> is no failure of
    /// its parent, so those branches are skipped; the flat list output would report them as errors.
    /// </summary>
    private static void Collect(EvaluationResults node, JsonElement root, string fileName, List<LoadError> errors, HashSet<(string, string)> seen)
    {
        if (node.IsValid)
        {
            return;
        }

        if (node.Errors is { Count: > 0 })
        {
            var location = node.InstanceLocation.ToString();
            var path = JsonPaths.FromPointer(location, root);
            foreach (var (keyword, message) in node.Errors)
            {
                var reason = Describe(node.EvaluationPath.ToString(), location, keyword, message);
                if (seen.Add((path, reason)))
                {
                    errors.Add(new LoadError(fileName, path, reason));
                }
            }
        }

        foreach (var child in node.Details ?? [])
        {
            var evaluationPath = child.EvaluationPath.ToString();
            if (!evaluationPath.EndsWith("/if", StringComparison.Ordinal) && !evaluationPath.EndsWith("/not", StringComparison.Ordinal))
            {
                Collect(child, root, fileName, errors, seen);
            }
        }
    }

    private static string Describe(string evaluationPath, string instanceLocation, string keyword, string message)
    {
        // A property refused by additionalProperties: false fails against the "false" schema, whose message
        // ("All values fail against the false schema") does not say what is wrong.
        // So does a property a type forbids with "properties": { "name": false }.
        if (evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal)
            || evaluationPath.EndsWith("/unevaluatedProperties", StringComparison.Ordinal)
            || message.Contains("false schema", StringComparison.Ordinal))
        {
            var name = instanceLocation[(instanceLocation.LastIndexOf('/') + 1)..]
                .Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            return $"property '{name}' is not allowed here (schema)";
        }

        return keyword.Length == 0 ? $"{message} (schema)" : $"{message} (schema keyword '{keyword}')";
    }
}
