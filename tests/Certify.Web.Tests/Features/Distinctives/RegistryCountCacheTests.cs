using Certify.Domain.Companies;
using Certify.Web.Features.Distinctives;
using Certify.Web.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>
/// The registry's tallies are reused for at most a minute per search, and never after an eviction; on the in-process
/// shared cache the app uses when Cache:Redis is empty.
/// </summary>
public sealed class RegistryCountCacheTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RegistryFilter Moldes = new(Query: "moldes", State: MexicanState.Queretaro);

    private readonly ServiceProvider _services;
    private readonly RegistryCountCache _cache;
    private readonly CachedFigures _figures;
    private int _loads;

    public RegistryCountCacheTests()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddCertifySharedCache(new ConfigurationBuilder().Build(), TimeSpan.FromSeconds(60));
        _services = services.BuildServiceProvider();
        _figures = _services.GetRequiredService<CachedFigures>();
        _cache = new RegistryCountCache(_figures);
    }

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

        await _figures.EvictAsync(CancellationToken.None);
        await GetAsync(RegistryFilter.None, Now);

        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task GetOrLoad_EvictedWhileLoading_TheLoadedCountsAreNotReused()
    {
        await _cache.GetOrLoadAsync(RegistryFilter.None, Now, async token =>
        {
            await _figures.EvictAsync(token);
            return Counts(++_loads);
        }, CancellationToken.None);

        var counts = await GetAsync(RegistryFilter.None, Now);

        Assert.Equal(2, Assert.Single(counts).Total);
    }

    [Fact]
    public void AddCertifySharedCache_NoRedis_WrapsTheInMemoryStore() =>
        Assert.IsType<ResilientOutputCacheStore>(_services.GetRequiredService<IOutputCacheStore>());

    public void Dispose() => _services.Dispose();

    private Task<IReadOnlyList<DistinctiveTally>> GetAsync(RegistryFilter search, DateTimeOffset now) =>
        _cache.GetOrLoadAsync(search, now, _ => Task.FromResult(Counts(++_loads)), CancellationToken.None);

    private static IReadOnlyList<DistinctiveTally> Counts(int count) =>
        [new DistinctiveTally(MexicanState.Jalisco, "A", 1, count, 0, 0, 0, 0, "A", "Z")];
}
