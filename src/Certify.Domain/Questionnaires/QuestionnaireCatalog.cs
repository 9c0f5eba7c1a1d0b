using System.Collections.Immutable;

namespace Certify.Domain.Questionnaires;

/// <summary>
/// The published questionnaire versions, safe to share between threads. A version, once added, never changes:
/// adding the same program and version with other content is refused and the first one keeps being served.
/// </summary>
public sealed class QuestionnaireCatalog
{
    private readonly Lock _writeLock = new();
    private ImmutableDictionary<(string Program, string Version), QuestionnaireDefinition> _definitions =
        ImmutableDictionary<(string Program, string Version), QuestionnaireDefinition>.Empty;

    /// <summary>Every loaded version, ordered by program, then version (oldest first).</summary>
    public IReadOnlyList<QuestionnaireDefinition> All =>
        [.. Volatile.Read(ref _definitions).Values
            .OrderBy(d => d.Program, StringComparer.Ordinal)
            .ThenBy(d => d.Version, VersionComparer.Instance)];

    public CatalogAddResult Add(QuestionnaireDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var key = (definition.Program, definition.Version);
        lock (_writeLock)
        {
            if (_definitions.TryGetValue(key, out var existing))
            {
                return existing.ContentHash == definition.ContentHash
                    ? new CatalogAddResult(CatalogAddStatus.AlreadyLoaded, existing, null)
                    : new CatalogAddResult(
                        CatalogAddStatus.Conflict,
                        existing,
                        $"version {definition.Version} of {definition.Program} is published and immutable; publish a new version number");
            }

            Volatile.Write(ref _definitions, _definitions.Add(key, definition));
            return new CatalogAddResult(CatalogAddStatus.Added, definition, null);
        }
    }

    public QuestionnaireDefinition? Get(string program, string version) =>
        Volatile.Read(ref _definitions).GetValueOrDefault((program, version));

    /// <summary>The highest version of the program, comparing the numeric parts of <c>2025.1</c>-style versions as numbers.</summary>
    public QuestionnaireDefinition? Latest(string program)
    {
        QuestionnaireDefinition? latest = null;
        foreach (var definition in Volatile.Read(ref _definitions).Values)
        {
            if (definition.Program == program
                && (latest is null || VersionComparer.Instance.Compare(definition.Version, latest.Version) > 0))
            {
                latest = definition;
            }
        }

        return latest;
    }
}
