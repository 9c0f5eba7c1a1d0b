using Microsoft.Extensions.Caching.Memory;

namespace Certify.Web.Features.Distinctives;

/// <summary>
/// The registry's tallies by state, level and program (<see cref="DistinctiveStatusQuery.Tally"/>), kept per search
/// (text, state, program and level; the status is one of each tally's counts) for at most <see cref="Lifetime"/>, so
/// the totals and the facets at the top of <c>/registro</c> come from memory instead of a scan of every distinctive.
/// <see cref="DistinctiveCache"/> empties it whenever a distinctive is issued or its status changes; only the passing
/// of time (a distinctive reaching its expiry) can leave a count up to <see cref="Lifetime"/> behind, as the
/// output-cached API already may.
/// </summary>
public sealed class RegistryCountCache : IDisposable
{
    /// <summary>How long counts are reused: as long as the public API's output cache keeps an answer.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(DistinctiveApi.CacheSeconds);

    /// <summary>Searches kept at once; their text is typed by anyone, so memory is bounded.</summary>
    private const int MaxEntries = 500;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    // Part of every key: counts being loaded while an eviction happens are stored under the old generation, never read.
    private long _generation;

    /// <summary>
    /// The tallies of <paramref name="search"/>, from memory when they were loaded less than <see cref="Lifetime"/>
    /// before <paramref name="now"/>, otherwise from <paramref name="load"/>.
    /// </summary>
    public async Task<IReadOnlyList<DistinctiveTally>> GetOrLoadAsync(
        RegistryFilter search, DateTimeOffset now, Func<CancellationToken, Task<IReadOnlyList<DistinctiveTally>>> load, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(load);
        var key = new Key(Interlocked.Read(ref _generation), search);
        if (_cache.TryGetValue(key, out Entry? entry) && entry is not null && entry.LoadedAt <= now && now - entry.LoadedAt < Lifetime)
        {
            return entry.Counts;
        }

        var counts = await load(ct);
        _cache.Set(key, new Entry(now, counts), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return counts;
    }

    /// <summary>Forgets every tally: the next search loads them again.</summary>
    public void Evict()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Key(long Generation, RegistryFilter Search);

    private sealed record Entry(DateTimeOffset LoadedAt, IReadOnlyList<DistinctiveTally> Counts);
}
