using System.Globalization;
using Microsoft.Extensions.Options;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Sms.RateLimiting;

/// <summary>
/// A sliding-window log: one sorted-set member per allowed event, scored by the Redis server's clock so
/// every instance agrees on time. Trim, count and add run as one script, so a burst cannot overshoot.
/// </summary>
public sealed class RedisSlidingWindowLimiter(RedisConnection redis, IOptions<RateLimitOptions> options) : ISlidingWindowLimiter
{
    private static readonly RedisScript Acquire = new("""
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local window = tonumber(ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
        redis.call('ZADD', KEYS[1], now, ARGV[3])
        redis.call('PEXPIRE', KEYS[1], window)
        return 1
        """);

    public async Task<bool> TryAcquireAsync(string key, CancellationToken ct)
    {
        var o = options.Value;
        var window = ((long)o.Window.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var result = await Acquire.EvaluateAsync(redis.Database, [redis.Key("ratelimit:" + key)],
            [window, o.Limit, Guid.NewGuid().ToString("N")]);
        return (long)result == 1;
    }
}
