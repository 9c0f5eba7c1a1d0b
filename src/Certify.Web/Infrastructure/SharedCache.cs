using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Certify.Web.Infrastructure;

/// <summary>
/// Where what every node must agree on is cached: the output cache (public API, badge, verification page, registry)
/// and the registry's figures (<see cref="CachedFigures"/>). With <c>Cache:Redis</c> set (a StackExchange.Redis
/// configuration string) that is Redis, so a tag evicted by one node is gone for all of them; empty, it is this
/// process's memory, as the one-command run needs. Either way the store is wrapped in
/// <see cref="ResilientOutputCacheStore"/>: a cache that cannot be reached is a miss, never a failed request.
/// </summary>
public static class SharedCache
{
    public const string RedisSetting = "Cache:Redis";

    /// <summary>Prefix of every key Certify writes to Redis, so one server can be shared with other apps.</summary>
    public const string RedisInstanceName = "certify:";

    public static IServiceCollection AddCertifySharedCache(this IServiceCollection services, IConfiguration configuration, TimeSpan defaultExpiration)
    {
        services.AddOutputCache(options => options.DefaultExpirationTimeSpan = defaultExpiration);
        CachedPageAntiforgery.AddCachedPageAntiforgery(services);
        services.AddSingleton<SharedCacheState>();
        services.AddSingleton<CachedFigures>();

        var redis = configuration[RedisSetting];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton(sp => new RedisConnection(redis, sp.GetRequiredService<ILogger<RedisConnection>>()));
            services.AddStackExchangeRedisOutputCache(_ => { });
            services.AddOptions<RedisOutputCacheOptions>().Configure<RedisConnection>((options, connection) =>
            {
                options.InstanceName = RedisInstanceName;
                options.ConnectionMultiplexerFactory = connection.ConnectAsync;
            });
        }

        // Whichever store was registered last (Redis, or AddOutputCache's in-memory one), wrapped.
        var registered = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(registered);
        services.AddSingleton<IOutputCacheStore>(sp => new ResilientOutputCacheStore(
            (IOutputCacheStore)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)),
            sp.GetRequiredService<SharedCacheState>()));
        return services;
    }
}

/// <summary>
/// The one connection to Redis (a multiplexer is meant to be shared): made on first use, never failing to start —
/// while Redis is away, commands fail at once (no backlog) and the multiplexer keeps reconnecting every second.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _options;
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;

    public RedisConnection(string configuration, ILogger<RedisConnection> logger)
    {
        _options = ConfigurationOptions.Parse(configuration);
        _options.AbortOnConnectFail = false;
        _options.BacklogPolicy = BacklogPolicy.FailFast;
        _options.ReconnectRetryPolicy = new LinearRetry(1000);
        _connection = new Lazy<Task<IConnectionMultiplexer>>(async () =>
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(_options);
            if (!multiplexer.IsConnected)
            {
                logger.LogWarning("Redis ({Endpoints}) does not answer yet; caches answer from the database until it does.", Endpoints);
            }

            return multiplexer;
        });
    }

    /// <summary>The servers named in the configuration, for logs and health reports (never the password).</summary>
    public string Endpoints => string.Join(", ", _options.EndPoints.Select(e => e.ToString()));

    public Task<IConnectionMultiplexer> ConnectAsync() => _connection.Value;

    /// <summary>The database, or null while Redis cannot be reached.</summary>
    public async Task<IDatabase?> DatabaseAsync()
    {
        var multiplexer = await ConnectAsync();
        return multiplexer.IsConnected ? multiplexer.GetDatabase() : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }
}

/// <summary>
/// Whether the shared cache answers. A failure opens a short pause (<see cref="Pause"/>) during which the cache is
/// skipped, so requests go straight to the database instead of each waiting for Redis; one warning is logged when the
/// cache goes away and one line when it is back, never one per request.
/// </summary>
public sealed class SharedCacheState(TimeProvider clock, ILogger<SharedCacheState> logger)
{
    /// <summary>How long the cache is skipped after a failure before it is tried again.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    private long _failedAt;
    private volatile bool _unavailable;

    /// <summary>False while the cache failed less than <see cref="Pause"/> ago.</summary>
    public bool ShouldTry => !_unavailable || clock.GetElapsedTime(Interlocked.Read(ref _failedAt)) >= Pause;

    /// <summary>Whether the last operation on the cache failed.</summary>
    public bool Unavailable => _unavailable;

    public void Succeeded()
    {
        if (_unavailable)
        {
            _unavailable = false;
            logger.LogInformation("The shared cache answers again.");
        }
    }

    public void Failed(Exception exception)
    {
        Interlocked.Exchange(ref _failedAt, clock.GetTimestamp());
        if (!_unavailable)
        {
            _unavailable = true;
            logger.LogWarning(exception, "The shared cache does not answer; pages are served from the database until it does.");
        }
    }
}

/// <summary>
/// The output cache store every node uses, made harmless when it fails: a read that fails is a miss, a write or an
/// eviction that fails is skipped (see <see cref="SharedCacheState"/>). Cancellation of the request still cancels.
/// </summary>
public sealed class ResilientOutputCacheStore(IOutputCacheStore inner, SharedCacheState state) : IOutputCacheStore, IDisposable
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!state.ShouldTry)
        {
            return null;
        }

        try
        {
            var value = await inner.GetAsync(key, cancellationToken);
            state.Succeeded();
            return value;
        }
        catch (Exception exception) when (Failed(exception, cancellationToken))
        {
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (!state.ShouldTry)
        {
            return;
        }

        try
        {
            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
            state.Succeeded();
        }
        catch (Exception exception) when (Failed(exception, cancellationToken))
        {
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        // Always tried: an eviction skipped would leave another node's entry until it expires.
        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
            state.Succeeded();
        }
        catch (Exception exception) when (Failed(exception, cancellationToken))
        {
        }
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private bool Failed(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        state.Failed(exception);
        return true;
    }
}

/// <summary>
/// <c>/health/ready</c>'s "cache" entry: Healthy for the in-process cache, or when Redis answers a PING; Degraded
/// (the node still serves, from the database) when it does not.
/// </summary>
public sealed class SharedCacheHealthCheck(IServiceProvider services, SharedCacheState state) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var redis = services.GetService<RedisConnection>();
        if (redis is null)
        {
            return HealthCheckResult.Healthy("In-process cache.");
        }

        try
        {
            var database = await redis.DatabaseAsync();
            if (database is not null)
            {
                await database.PingAsync();
                state.Succeeded();
                return HealthCheckResult.Healthy($"Redis {redis.Endpoints}.");
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            state.Failed(exception);
        }

        return HealthCheckResult.Degraded($"Redis {redis.Endpoints} does not answer: pages are served from the database.");
    }
}
