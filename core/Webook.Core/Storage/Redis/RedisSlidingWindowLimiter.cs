using System.Globalization;
using StackExchange.Redis;
using Webook.Core.Common;

namespace Webook.Core.Storage.Redis;

/// <summary>
/// A sliding-window log: one sorted-set member per allowed event, scored by the Redis server's clock so
/// every instance agrees on time. Trim, count, the spacing check and add run as one script, so a burst cannot
/// overshoot, and of parallel calls under a spacing exactly one gets in.
/// Throws when Redis cannot answer; what to do then is the caller's policy.
/// </summary>
public sealed class RedisSlidingWindowLimiter(RedisConnection redis, RateLimitMetrics metrics) : ISlidingWindowLimiter
{
    // KEYS[1] the log; ARGV[1] window in ms, ARGV[2] limit, ARGV[3] a member unique to this call, ARGV[4] the least
    // spacing after the newest event in ms (0: none).
    // TIME before a write needs effects replication: always on from Redis 7, the default from 5, asked for on 3.2–4.
    private const string Acquire = """
        if redis.replicate_commands then redis.replicate_commands() end
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local window = tonumber(ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now - window))
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
        local spacing = tonumber(ARGV[4])
        if spacing > 0 then
          local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
          if newest[2] ~= nil and now - tonumber(newest[2]) < spacing then return 0 end
        end
        redis.call('ZADD', KEYS[1], string.format('%d', now), ARGV[3])
        redis.call('PEXPIRE', KEYS[1], window)
        return 1
        """;

    // KEYS[1] the log; ARGV[1] window in ms. Read-only: what Acquire would keep after its trim.
    private const string Count = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        return redis.call('ZCOUNT', KEYS[1], string.format('(%d', now - tonumber(ARGV[1])), '+inf')
        """;

    public async Task<string?> TryAcquireAsync(string key, WindowLimit limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        // PEXPIRE 0 would delete the key at once; a window under a millisecond is taken as one.
        var windowMs = Math.Max(1L, (long)limit.Window.TotalMilliseconds);
        var eventId = Guid.NewGuid().ToString("N");
        var spacingMs = limit.MinSpacing > TimeSpan.Zero ? Math.Max(1L, (long)Math.Ceiling(limit.MinSpacing.TotalMilliseconds)) : 0L;
        RedisValue[] args =
        [
            windowMs.ToString(CultureInfo.InvariantCulture), limit.Limit.ToString(CultureInfo.InvariantCulture), eventId,
            spacingMs.ToString(CultureInfo.InvariantCulture),
        ];

        // On cancellation the wait stops; a slot the script already took stays taken.
        var result = await redis.EvaluateAsync("rate-limit acquire", Acquire, [Key(key)], args, ct);
        if ((long)result == 1) return eventId;
        metrics.Refused(key);
        return null;
    }

    public Task ReleaseAsync(string key, string eventId, CancellationToken ct) =>
        redis.Database.SortedSetRemoveAsync(Key(key), eventId).WaitAsync(ct);

    public async Task<int> CountAsync(string key, TimeSpan window, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var windowMs = Math.Max(1L, (long)window.TotalMilliseconds);
        var result = await redis.EvaluateAsync("rate-limit count", Count, [Key(key)], [windowMs.ToString(CultureInfo.InvariantCulture)], ct);
        return (int)(long)result;
    }

    private RedisKey Key(string key) => redis.Key("ratelimit:" + key);
}
