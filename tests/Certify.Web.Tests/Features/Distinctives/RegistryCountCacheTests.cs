using Certify.Domain.Companies;
using Certify.Web.Features.Distinctives;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>The registry's tallies are reused for at most a minute per search, and never after an eviction.</summary>
public sealed class RegistryCountCacheTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RegistryFilter Moldes = new(Query: "moldes", State: MexicanState.Queretaro);

    private readonly RegistryCountCache _cache = new();
    private int _loads;

    [Fact]
    public async Task GetOrLoad_WithinTheLifetime_LoadsOncePerSearch()
    {
        await GetAsync(Moldes, Now);
        await GetAsync(new RegistryFilter(Query: "moldes", State: MexicanState.Queretaro), Now + RegistryCountCache.Lifetime - TimeSpan.FromMilliseconds(1));
        await GetAsync(RegistryFilter.None, Now);
        var counts = await GetAsync(RegistryFilter.None, Now.AddSeconds(1));

        Assert.Equal(2, _loads);
        Assert.Equal(2, Assert.Single(counts).Total);
    }

    [Fact]
    public async Task GetOrLoad_AfterTheLifetime_LoadsAgain()
    {
        await GetAsync(Moldes, Now);

        var counts = await GetAsync(Moldes, Now + RegistryCountCache.Lifetime);

        Assert.Equal(2, _loads);
        Assert.Equal(2, Assert.Single(counts).Total);
    }

    [Fact]
    public async Task GetOrLoad_AfterEvict_LoadsAgain()
    {
        await GetAsync(RegistryFilter.None, Now);

        _cache.Evict();
        await GetAsync(RegistryFilter.None, Now);

        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task GetOrLoad_EvictedWhileLoading_TheLoadedCountsAreNotReused()
    {
        await _cache.GetOrLoadAsync(RegistryFilter.None, Now, _ =>
        {
            _cache.Evict();
            return Task.FromResult(Counts(++_loads));
        }, CancellationToken.None);

        var counts = await GetAsync(RegistryFilter.None, Now);

        Assert.Equal(2, Assert.Single(counts).Total);
    }

    public void Dispose() => _cache.Dispose();

    private Task<IReadOnlyList<DistinctiveTally>> GetAsync(RegistryFilter search, DateTimeOffset now) =>
        _cache.GetOrLoadAsync(search, now, _ => Task.FromResult(Counts(++_loads)), CancellationToken.None);

    private static IReadOnlyList<DistinctiveTally> Counts(int count) =>
        [new DistinctiveTally(MexicanState.Jalisco, "A", 1, count, 0, 0, 0, 0, "A", "Z")];
}
