using System.Text.RegularExpressions;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>
/// The layout rule (README, Layout): a feature folder under <c>src/Certify.Web/Features</c> may use the shared kernel
/// (<c>Features/Shared</c>) and other features in one direction only — no two features depend on each other, directly
/// or round a longer loop — and the shared kernel uses no feature.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    private const string Kernel = "Shared";

    [Fact]
    public void SharedKernel_UsesNoFeature()
    {
        Assert.Empty(Dependencies()[Kernel]);
    }

    [Fact]
    public void Features_DependOnEachOtherOneWayOnly()
    {
        var graph = Dependencies();

        Assert.Empty(Cycles(graph));
    }

    [Fact]
    public void CycleFinder_NamesTheLoop()
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>
        {
            ["A"] = new HashSet<string> { "B" },
            ["B"] = new HashSet<string> { "C" },
            ["C"] = new HashSet<string> { "A" },
            ["D"] = new HashSet<string> { "A" },
        };

        Assert.Equal(["A → B → C → A"], Cycles(graph));
    }

    /// <summary>Each feature folder and the other feature folders its sources name (usings or qualified names).</summary>
    private static Dictionary<string, IReadOnlySet<string>> Dependencies()
    {
        var features = Directory.GetDirectories(RepositoryFiles.PathOf("src", "Certify.Web", "Features")).Select(Path.GetFileName).OfType<string>().ToList();
        return features.ToDictionary(
            f => f,
            f => (IReadOnlySet<string>)RepositoryFiles.Sources("src", "Certify.Web", "Features", f)
                .SelectMany(file => FeatureReference().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
                .Where(g => g != f && g != Kernel && features.Contains(g))
                .ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>Every loop in the graph once, written from its alphabetically first member.</summary>
    private static List<string> Cycles(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var start in graph.Keys)
        {
            var path = new List<string> { start };
            Walk(start);

            void Walk(string node)
            {
                foreach (var next in graph.TryGetValue(node, out var edges) ? edges : new HashSet<string>())
                {
                    if (next == start)
                    {
                        if (path.All(p => string.CompareOrdinal(start, p) <= 0))
                        {
                            found.Add(string.Join(" → ", path.Append(start)));
                        }
                    }
                    else if (!path.Contains(next))
                    {
                        path.Add(next);
                        Walk(next);
                        path.RemoveAt(path.Count - 1);
                    }
                }
            }
        }

        return [.. found];
    }

    [GeneratedRegex(@"\bFeatures\.(\w+)")]
    private static partial Regex FeatureReference();
}
