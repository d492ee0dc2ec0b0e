using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Webook.Core.Sms;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Sms.Storage;

/// <summary>A code is a hash {code, left} with the code's lifetime as TTL; both checks are single Lua scripts.</summary>
public sealed class RedisSmsCodeStore(RedisConnection redis, IOptions<SmsCodeOptions> options) : ISmsCodeStore
{
    // Refuses while the code is younger than the resend interval (its TTL is above lifetime - interval).
    // A key without expiry is never overwritten: something else wrote it, and guessing would be worse.
    private const string Store = """
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl == -1 then return -2 end
        if ttl > tonumber(ARGV[2]) - tonumber(ARGV[3]) then return -1 end
        redis.call('HSET', KEYS[1], 'code', ARGV[1], 'left', ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 0
        """;

    // Every wrong guess spends one attempt; the right one spends them all, so a code works once.
    private const string Verify = """
        local left = tonumber(redis.call('HGET', KEYS[1], 'left'))
        if left == nil or left <= 0 then return 0 end
        if redis.call('HGET', KEYS[1], 'code') == ARGV[1] then
          redis.call('HSET', KEYS[1], 'left', 0)
          return 1
        end
        redis.call('HINCRBY', KEYS[1], 'left', -1)
        return 0
        """;

    // Deletes the code only if it is still the one given: a newer code is never released by an older send.
    private const string Release = """
        if redis.call('HGET', KEYS[1], 'code') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    // StackExchange.Redis takes no CancellationToken: RedisConnection.EvaluateAsync stops waiting when ct is cancelled
    // (OperationCanceledException) and Redis:OperationTimeout bounds the command itself. A script already sent still runs
    // on the server, so a cancelled call may have stored a code or spent an attempt without the caller learning of it.
    public async Task<bool> TryStoreAsync(string purpose, string phone, string code, CancellationToken ct)
    {
        var o = options.Value;
        var result = (long)await redis.EvaluateAsync("sms code store", Store, [Key(purpose, phone)],
            [code, Milliseconds(o.Lifetime), Milliseconds(o.ResendInterval), o.MaxAttempts], ct);
        return result == 0;
    }

    public Task ReleaseAsync(string purpose, string phone, string code, CancellationToken ct) =>
        redis.EvaluateAsync("sms code release", Release, [Key(purpose, phone)], [code], ct);

    public async Task<bool> VerifyAsync(string purpose, string phone, string code, CancellationToken ct) =>
        (long)await redis.EvaluateAsync("sms code verify", Verify, [Key(purpose, phone)], [code], ct) == 1;

    private RedisKey Key(string purpose, string phone) => redis.Key($"sms:code:{purpose}:{phone}");

    private static RedisValue Milliseconds(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}
