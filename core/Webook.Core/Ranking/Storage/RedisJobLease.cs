using StackExchange.Redis;
using Webook.Core.Ranking;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Ranking.Storage;

/// <summary>A lease is a key holding its holder's name with an expiry; renew and release compare the holder first (Lua).</summary>
public sealed class RedisJobLease(RedisConnection redis) : IJobLease
{
    private const string RenewIfHeld = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    private const string ReleaseIfHeld = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    public Task<bool> TryTakeAsync(string name, string holder, TimeSpan duration, CancellationToken ct) =>
        redis.Database.StringSetAsync(Key(name), holder, duration, When.NotExists).WaitAsync(ct);

    public async Task<bool> RenewAsync(string name, string holder, TimeSpan duration, CancellationToken ct) =>
        (long)await redis.EvaluateAsync("lease renew", RenewIfHeld, [Key(name)], [holder, (long)duration.TotalMilliseconds], ct) == 1;

    public Task ReleaseAsync(string name, string holder, CancellationToken ct) =>
        redis.EvaluateAsync("lease release", ReleaseIfHeld, [Key(name)], [holder], ct);

    private RedisKey Key(string name) => redis.Key("lease:" + name);
}
