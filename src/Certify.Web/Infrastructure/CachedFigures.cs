using System.Text.Json;
using Microsoft.AspNetCore.OutputCaching;

namespace Certify.Web.Infrastructure;

/// <summary>
/// Figures computed from the database and shown to everyone (the registry's counts, the transparency figures), kept in
/// the shared cache store (<see cref="SharedCache"/>: Redis, or this process) as JSON for a short while and forgotten
/// together by <see cref="EvictAsync"/>. Every key carries the current generation, which an eviction replaces: figures
/// being computed while an eviction happens are stored under the old generation and never read, and every node reads
/// the new generation on its next request.
/// </summary>
public sealed class CachedFigures(IOutputCacheStore store)
{
    private const string GenerationKey = "figures:generation";

    /// <summary>How long a generation is remembered: far longer than any figure is kept.</summary>
    private static readonly TimeSpan GenerationLifetime = TimeSpan.FromDays(1);

    /// <summary>
    /// The figure from the cache when it is there and <paramref name="fresh"/> accepts it, or else computed by
    /// <paramref name="load"/> and kept for <paramref name="lifetime"/>.
    /// </summary>
    public async Task<T> GetOrLoadAsync<T>(
        string key, TimeSpan lifetime, Func<CancellationToken, Task<T>> load, CancellationToken ct, Func<T, bool>? fresh = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(load);
        var fullKey = await KeyAsync(key, ct);
        var bytes = await store.GetAsync(fullKey, ct);
        if (bytes is not null && TryRead<T>(bytes) is { } cached && (fresh is null || fresh(cached)))
        {
            return cached;
        }

        var value = await load(ct);
        await store.SetAsync(fullKey, JsonSerializer.SerializeToUtf8Bytes(value), null, lifetime, ct);
        return value;
    }

    /// <summary>Forgets every figure, on every node: the next request computes them again.</summary>
    public async Task EvictAsync(CancellationToken ct) =>
        await store.SetAsync(GenerationKey, Guid.NewGuid().ToByteArray(), null, GenerationLifetime, ct);

    private async Task<string> KeyAsync(string key, CancellationToken ct)
    {
        var generation = await store.GetAsync(GenerationKey, ct);
        return $"figures:{(generation is { Length: 16 } ? new Guid(generation).ToString("N") : "0")}:{key}";
    }

    private static T? TryRead<T>(byte[] bytes)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
