using Certify.Domain.Questionnaires;
using static Certify.Domain.Tests.Questionnaires.TestQuestionnaires;

namespace Certify.Domain.Tests.Questionnaires;

public class QuestionnaireCatalogTests
{
    [Fact]
    public void Add_NewVersion_AddedAndServed()
    {
        var catalog = new QuestionnaireCatalog();
        var definition = Valid();

        var result = catalog.Add(definition);

        Assert.Equal(CatalogAddStatus.Added, result.Status);
        Assert.Same(definition, catalog.Get("TEST", "2025.1"));
        Assert.Same(definition, catalog.Latest("TEST"));
    }

    [Fact]
    public void Add_SameContentAgain_AlreadyLoadedKeepsFirstInstance()
    {
        var catalog = new QuestionnaireCatalog();
        var first = Valid();
        catalog.Add(first);

        var result = catalog.Add(Valid());

        Assert.Equal(CatalogAddStatus.AlreadyLoaded, result.Status);
        Assert.Same(first, result.Served);
        Assert.Single(catalog.All);
    }

    [Fact]
    public void Add_SameVersionDifferentContent_RefusedAndOldOneStillServed()
    {
        var catalog = new QuestionnaireCatalog();
        var published = Valid();
        catalog.Add(published);

        var result = catalog.Add(LoadOrFail("valid-changed.json"));

        Assert.Equal(CatalogAddStatus.Conflict, result.Status);
        Assert.True(result.IsConflict);
        Assert.Equal("version 2025.1 of TEST is published and immutable; publish a new version number", result.Reason);
        Assert.Same(published, result.Served);
        Assert.Same(published, catalog.Get("TEST", "2025.1"));
        Assert.Equal("Question EQU-02", catalog.Get("TEST", "2025.1")!.FindQuestion("EQU-02")!.Text.En);
    }

    [Fact]
    public void Latest_SeveralVersions_ComparesNumberParts()
    {
        var catalog = new QuestionnaireCatalog();
        var section = () => Section("S", 1, YesNoNa("S-01", 1));
        catalog.Add(Build("2025.10", section()));
        catalog.Add(Build("2025.9", section()));
        catalog.Add(Build("2024.12", section()));

        Assert.Equal("2025.10", catalog.Latest("TEST")!.Version);
        Assert.Equal(["2024.12", "2025.9", "2025.10"], catalog.All.Select(d => d.Version));
    }

    [Fact]
    public void GetAndLatest_UnknownProgram_Null()
    {
        var catalog = new QuestionnaireCatalog();
        catalog.Add(Valid());

        Assert.Null(catalog.Get("TEST", "2026.1"));
        Assert.Null(catalog.Latest("OTHER"));
    }

    [Fact]
    public void Add_SameVersionFromManyThreads_ExactlyOneWins()
    {
        var catalog = new QuestionnaireCatalog();
        var candidates = Enumerable.Range(0, 16).Select(i => i % 2 == 0 ? Valid() : LoadOrFail("valid-changed.json")).ToArray();

        var results = new CatalogAddResult[candidates.Length];
        Parallel.For(0, candidates.Length, i => results[i] = catalog.Add(candidates[i]));

        var winner = Assert.Single(results, r => r.Status == CatalogAddStatus.Added);
        Assert.All(results, r => Assert.Same(winner.Served, r.Served));
        Assert.Same(winner.Served, catalog.Get("TEST", "2025.1"));
    }
}
