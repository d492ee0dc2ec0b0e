using System.Text.Json;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Http;

namespace Webook.Core.Storage.Redis;

public sealed class RedisUserCache(RedisConnection redis, IOptions<AccountOptions> options) : IUserCache
{
    public async Task<User?> GetAsync(long id, CancellationToken ct)
    {
        var value = await redis.Database.StringGetAsync(Key(id));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<User>((string)value!, WebookJson.Options);
    }

    public Task SetAsync(User user, CancellationToken ct) =>
        redis.Database.StringSetAsync(Key(user.Id),
            JsonSerializer.Serialize(user with { PasswordHash = null }, WebookJson.Options),
            options.Value.ProfileCacheLifetime);

    public Task RemoveAsync(long id, CancellationToken ct) => redis.Database.KeyDeleteAsync(Key(id));

    private StackExchange.Redis.RedisKey Key(long id) => redis.Key("users:profile:" + id);
}
