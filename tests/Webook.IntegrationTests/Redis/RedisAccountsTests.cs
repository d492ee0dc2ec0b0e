using Webook.Core.Accounts.Storage;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Common;
using Webook.Core.Storage.Redis;

namespace Webook.IntegrationTests.Redis;

public sealed class RedisAccountsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Cached_profiles_round_trip_expire_and_never_hold_the_password_hash()
    {
        var local = new LocalCacheTier(new RedisInvalidationBus(redis.Connection), Options.Create(new LocalCacheOptions()));
        var cache = new RedisUserCache(redis.Connection, local, Options.Create(new AccountOptions { ProfileCacheLifetime = TimeSpan.FromMinutes(15) }));
        var id = Random.Shared.NextInt64(1, 1L << 53);
        var user = new User
        {
            Id = id, Email = "a@b.co", PasswordHash = "secret-hash", Nickname = "Ada",
            Birthday = new DateOnly(1990, 1, 2), AboutMe = "hi", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
        };

        await cache.SetAsync(user, default);

        Assert.Equal(user with { PasswordHash = null }, await cache.GetAsync(id, default));
        var key = redis.Connection.Key("users:profile:" + id);
        Assert.DoesNotContain("secret-hash", (string)(await redis.Connection.Database.StringGetAsync(key))!);
        Assert.InRange((await redis.Connection.Database.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));

        await cache.RemoveAsync(id, default);
        Assert.Null(await cache.GetAsync(id, default));
    }
}
