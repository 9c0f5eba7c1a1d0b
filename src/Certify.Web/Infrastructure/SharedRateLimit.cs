using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Certify.Web.Infrastructure;

/// <summary>
/// Fixed-window rate limits that hold for the whole cluster: with <c>Cache:Redis</c> set, every node counts a
/// partition's requests in one Redis counter per window, so a client spread over N nodes gets the limit once, not N
/// times. Without Redis (the one-command run) the count is this process's, as one node needs. While Redis does not
/// answer, each node falls back to its own in-memory window (see <see cref="SharedCacheState"/>): a node keeps
/// protecting itself, and no request fails because the counter is away.
/// </summary>
public static class SharedRateLimit
{
    /// <summary>
    /// The partition of <paramref name="policy"/> for <paramref name="partitionKey"/>: <paramref name="permitLimit"/>
    /// requests per <paramref name="window"/>, no queue.
    /// </summary>
    public static RateLimitPartition<string> FixedWindow(HttpContext context, string policy, string partitionKey, int permitLimit, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new FixedWindowRateLimiterOptions { PermitLimit = permitLimit, Window = window, QueueLimit = 0 };
        var key = $"{policy}:{partitionKey}";
        return context.RequestServices.GetService<RedisConnection>() is { } redis
            ? RateLimitPartition.Get(key, k => new RedisFixedWindowLimiter(
                k, options, redis, context.RequestServices.GetRequiredService<SharedCacheState>(), context.RequestServices.GetRequiredService<TimeProvider>()))
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => options);
    }
}

/// <summary>
/// One partition's window counted in Redis: an atomic increment of a key per window (which expires with it), compared
/// with the limit. The synchronous attempt always defers to the asynchronous one (the rate-limiting middleware then
/// awaits it), because the count is a round trip away.
/// </summary>
internal sealed class RedisFixedWindowLimiter(
    string key, FixedWindowRateLimiterOptions options, RedisConnection redis, SharedCacheState state, TimeProvider clock) : RateLimiter
{
    private const string IncrementScript = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        if count == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return count
        """;

    private readonly FixedWindowRateLimiter _local = new(options);

    public override TimeSpan? IdleDuration => _local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => WindowLease.Deferred;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (state.ShouldTry)
        {
            try
            {
                if (await redis.DatabaseAsync() is { } database)
                {
                    var windowMs = (long)options.Window.TotalMilliseconds;
                    var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
                    var slot = now / windowMs;
                    var count = (long)await database.ScriptEvaluateAsync(
                        IncrementScript, [(RedisKey)$"{SharedCache.RedisInstanceName}rate:{key}:{slot}"], [permitCount, windowMs + 1000]);
                    state.Succeeded();
                    return count <= options.PermitLimit
                        ? WindowLease.Acquired
                        : new WindowLease(false, TimeSpan.FromMilliseconds(((slot + 1) * windowMs) - now));
                }
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                state.Failed(exception);
            }
        }

        return _local.AttemptAcquire(permitCount);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A lease that says whether the permit was granted and, when refused, when the window ends.</summary>
    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Acquired = new(true, null);

        /// <summary>Not decided yet: the count is in Redis, so the asynchronous acquisition decides.</summary>
        public static readonly WindowLease Deferred = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
