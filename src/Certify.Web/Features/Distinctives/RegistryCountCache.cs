using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Certify.Web.Infrastructure;

namespace Certify.Web.Features.Distinctives;

/// <summary>
/// The registry's tallies by state, level and program (<see cref="DistinctiveStatusQuery.Tally"/>), kept per search
/// (text, state, program and level; the status is one of each tally's counts) for at most <see cref="Lifetime"/> in the
/// shared cache (<see cref="CachedFigures"/>: Redis when configured, so every node reuses and forgets the same counts),
/// so the totals and the facets at the top of <c>/registro</c> come from the cache instead of a scan of every
/// distinctive. <see cref="DistinctiveCache"/> forgets them whenever a distinctive is issued or its status changes;
/// only the passing of time (a distinctive reaching its expiry) can leave a count up to <see cref="Lifetime"/> behind,
/// as the output-cached API already may.
/// </summary>
public sealed class RegistryCountCache(CachedFigures figures)
{
    /// <summary>How long counts are reused: as long as the public API's output cache keeps an answer.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(DistinctiveApi.CacheSeconds);

    /// <summary>
    /// The tallies of <paramref name="search"/>, from the cache when they were loaded less than <see cref="Lifetime"/>
    /// before <paramref name="now"/>, otherwise from <paramref name="load"/>.
    /// </summary>
    public async Task<IReadOnlyList<DistinctiveTally>> GetOrLoadAsync(
        RegistryFilter search, DateTimeOffset now, Func<CancellationToken, Task<IReadOnlyList<DistinctiveTally>>> load, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(load);
        var entry = await figures.GetOrLoadAsync(
            Key(search), Lifetime, async token => new Entry(now, [.. await load(token)]), ct,
            fresh: cached => cached.LoadedAt <= now && now - cached.LoadedAt < Lifetime);
        return entry.Counts;
    }

    /// <summary>The search's key: a hash, since the text is typed by anyone.</summary>
    private static string Key(RegistryFilter search) =>
        "registry-counts:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(search with { Page = 1 }))));

    private sealed record Entry(DateTimeOffset LoadedAt, List<DistinctiveTally> Counts);
}
