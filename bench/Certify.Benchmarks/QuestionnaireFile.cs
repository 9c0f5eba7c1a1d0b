using Certify.Domain.Questionnaires;

namespace Certify.Benchmarks;

/// <summary>
/// Finds the questionnaire to measure: <c>--questionnaire &lt;file&gt;</c>, else the <c>CERTIFY_QUESTIONNAIRE</c>
/// environment variable, else <c>seed/questionnaires/drl-auto-2025.1.json</c> under the folder holding Certify.sln.
/// The schema is <c>questionnaire.schema.json</c> beside the file.
/// </summary>
internal static class QuestionnaireFile
{
    public const string EnvironmentVariable = "CERTIFY_QUESTIONNAIRE";

    private const string Option = "--questionnaire";
    private const string SchemaFileName = "questionnaire.schema.json";
    private static readonly string DefaultPath = Path.Combine("seed", "questionnaires", "drl-auto-2025.1.json");

    /// <summary>
    /// Moves <c>--questionnaire &lt;file&gt;</c> into the environment variable, as an absolute path, and returns the
    /// other arguments for BenchmarkDotNet. The benchmarks run in child processes, which inherit the environment
    /// but not the arguments.
    /// </summary>
    public static string[] TakeArgument(string[] args)
    {
        var index = Array.IndexOf(args, Option);
        if (index < 0)
        {
            return args;
        }

        if (index == args.Length - 1)
        {
            throw new ArgumentException($"{Option} needs a file path.", nameof(args));
        }

        Environment.SetEnvironmentVariable(EnvironmentVariable, Path.GetFullPath(args[index + 1]));
        return [.. args[..index], .. args[(index + 2)..]];
    }

    public static QuestionnaireDefinition Load()
    {
        var path = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(FindRepositoryRoot(), DefaultPath);
        var schemaPath = Path.Combine(Path.GetDirectoryName(path)!, SchemaFileName);
        using var stream = File.OpenRead(path);
        var result = QuestionnaireLoader.Load(stream, Path.GetFileName(path), File.ReadAllText(schemaPath));
        return result.Definition
            ?? throw new InvalidOperationException($"{path} does not load:{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors)}");
    }

    internal static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Certify.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Certify.sln not found above {AppContext.BaseDirectory}; set {EnvironmentVariable} to the questionnaire file.");
    }
}
