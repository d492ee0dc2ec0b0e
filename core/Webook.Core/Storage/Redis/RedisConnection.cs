using System.Diagnostics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Webook.Core.Common;
using Webook.Core.Observability;

namespace Webook.Core.Storage.Redis;

/// <summary>
/// One multiplexer for the process, connected on first use and reconnecting by itself, so the app starts
/// (and answers code 5) while Redis is down instead of failing to start.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;
    private readonly TimeSpan _cacheTimeout;

    public RedisConnection(IOptions<RedisOptions> options)
    {
        var settings = options.Value;
        KeyPrefix = settings.KeyPrefix;
        _cacheTimeout = settings.CacheTimeout;
        _multiplexer = new Lazy<ConnectionMultiplexer>(() =>
        {
            var config = ConfigurationOptions.Parse(settings.ConnectionString);
            config.AbortOnConnectFail = false;
            config.ConnectTimeout = (int)settings.ConnectTimeout.TotalMilliseconds;
            config.SyncTimeout = (int)settings.OperationTimeout.TotalMilliseconds;
            config.AsyncTimeout = (int)settings.OperationTimeout.TotalMilliseconds;
            return ConnectionMultiplexer.Connect(config);
        });
    }

    public string KeyPrefix { get; }

    public IDatabase Database => _multiplexer.Value.GetDatabase();

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public RedisKey Key(string name) => KeyPrefix + name;

    /// <summary>A cache command the caller can do without: it stops waiting after the cache timeout (TimeoutException).</summary>
    public Task<T> WithinCacheTimeout<T>(Task<T> command, CancellationToken ct) => command.WaitAsync(_cacheTimeout, ct);

    /// <summary>Deletes a cached key within the cache timeout and drops every instance's in-process copy of it, whatever the delete did.</summary>
    public async Task DeleteEverywhereAsync(RedisKey key, LocalCacheTier local, CancellationToken ct)
    {
        try
        {
            await WithinCacheTimeout(Database.KeyDeleteAsync(key), ct);
        }
        finally
        {
            local.Invalidate(key!);
        }
    }

    /// <summary>
    /// Runs a Lua script without holding the caller, for writes a request does not wait for. Not CommandFlags.FireAndForget:
    /// StackExchange.Redis sends a script it has run before by its SHA, and re-sends the source on NOSCRIPT (after a
    /// restart, a failover or SCRIPT FLUSH) only for a caller that takes the reply; a fire-and-forget one is lost.
    /// A write Redis refuses is observed and dropped, as before.
    /// </summary>
    public void Send(string script, RedisKey[] keys, RedisValue[] args) =>
        Database.ScriptEvaluateAsync(script, keys, args).ContinueWith(static sent => sent.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>
    /// Runs a Lua script inside a client span named for what it does (StackExchange.Redis traces nothing
    /// itself). The client takes no token: the caller's cancellation only stops the wait.
    /// </summary>
    public async Task<RedisResult> EvaluateAsync(string operation, string script, RedisKey[] keys, RedisValue[] args, CancellationToken ct = default)
    {
        using var span = WebookTelemetry.Source.StartActivity("redis " + operation, ActivityKind.Client);
        span?.SetTag("db.system.name", "redis");
        span?.SetTag("db.operation.name", "EVALSHA");
        try
        {
            return await Database.ScriptEvaluateAsync(script, keys, args).WaitAsync(ct);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated) _multiplexer.Value.Dispose();
    }
}
