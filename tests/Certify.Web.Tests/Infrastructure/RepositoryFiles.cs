namespace Certify.Web.Tests.Infrastructure;

/// <summary>The repository's own files, for tests that read the sources (house rules) or the seed.</summary>
internal static class RepositoryFiles
{
    public static DirectoryInfo Root()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Certify.sln")))
        {
            root = root.Parent;
        }

        return root ?? throw new InvalidOperationException("Certify.sln not found above the test output.");
    }

    public static string PathOf(params string[] parts) => Path.Combine([Root().FullName, .. parts]);

    /// <summary>The C# and Razor sources under <paramref name="folder"/> (a path below the root), without build output.</summary>
    public static IEnumerable<string> Sources(params string[] folder) =>
        Directory.EnumerateFiles(PathOf(folder), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
