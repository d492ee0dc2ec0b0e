using System.Text.Json;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Common;
using Webook.Core.Http;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Accounts.Storage;

/// <summary>
/// Profiles as JSON strings: fills are fire-and-forget, reads and removals wait at most the cache timeout. Also kept
/// in process (<see cref="LocalCacheTier"/>: every authenticated profile read and every article's author); a removal
/// drops them in every instance.
/// </summary>
public sealed class RedisUserCache(RedisConnection redis, LocalCacheTier local, IOptions<AccountOptions> options) : IUserCache
{
    public Task<User?> GetAsync(long id, CancellationToken ct)
    {
        var key = Key(id);
        return local.GetOrReadAsync(key!, async () =>
        {
            var value = await redis.WithinCacheTimeout(redis.Database.StringGetAsync(key), ct);
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<User>((string)value!, WebookJson.Options);
        });
    }

    public Task SetAsync(User user, CancellationToken ct) =>
        redis.Database.StringSetAsync(Key(user.Id),
            JsonSerializer.Serialize(user with { PasswordHash = null }, WebookJson.Options),
            options.Value.ProfileCacheLifetime, flags: StackExchange.Redis.CommandFlags.FireAndForget);

    public Task RemoveAsync(long id, CancellationToken ct) => redis.DeleteEverywhereAsync(Key(id), local, ct);

    private StackExchange.Redis.RedisKey Key(long id) => redis.Key("users:profile:" + id);
}
