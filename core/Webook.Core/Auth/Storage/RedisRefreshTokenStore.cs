using System.Globalization;
using StackExchange.Redis;
using Webook.Core.Auth;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Auth.Storage;

/// <summary>
/// <c>users:refresh:&lt;ssid&gt;</c> holds the id of the session's current refresh token, with the refresh
/// lifetime as TTL. Rotation is one Lua script, so of concurrent refreshes with one token exactly one wins.
/// </summary>
public sealed class RedisRefreshTokenStore(RedisConnection redis) : IRefreshTokenStore
{
    // 1 rotated, -1 reused (the record is deleted: no token of the session refreshes again), 0 no record.
    private const string Rotate = """
        local current = redis.call('GET', KEYS[1])
        if not current then return 0 end
        if current ~= ARGV[1] then
          redis.call('DEL', KEYS[1])
          return -1
        end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        return 1
        """;

    public Task SetCurrentAsync(string sessionId, string tokenId, TimeSpan keepFor, CancellationToken ct) =>
        redis.Database.StringSetAsync(Key(sessionId), tokenId, keepFor);

    public async Task<RefreshRotation> RotateAsync(string sessionId, string presentedId, string nextId, TimeSpan keepFor, CancellationToken ct)
    {
        var milliseconds = ((long)keepFor.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var result = (long)await redis.EvaluateAsync("refresh rotate", Rotate, [Key(sessionId)], [presentedId, nextId, milliseconds]);
        return result switch
        {
            1 => RefreshRotation.Rotated,
            -1 => RefreshRotation.Reused,
            _ => RefreshRotation.UnknownSession,
        };
    }

    private RedisKey Key(string sessionId) => redis.Key("users:refresh:" + sessionId);
}
