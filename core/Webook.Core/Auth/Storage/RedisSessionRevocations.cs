using Webook.Core.Auth;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Auth.Storage;

public sealed class RedisSessionRevocations(RedisConnection redis) : ISessionRevocations
{
    public Task RevokeAsync(string sessionId, TimeSpan keepFor, CancellationToken ct) =>
        redis.Database.StringSetAsync(Key(sessionId), "1", keepFor);

    public Task<bool> IsRevokedAsync(string sessionId, CancellationToken ct) =>
        redis.Database.KeyExistsAsync(Key(sessionId));

    private StackExchange.Redis.RedisKey Key(string sessionId) => redis.Key("users:ssid:" + sessionId);
}
