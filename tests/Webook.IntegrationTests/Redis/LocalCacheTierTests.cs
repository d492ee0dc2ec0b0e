using Webook.Core.Accounts.Storage;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Common;
using Webook.Core.Storage.Redis;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Redis;

/// <summary>Two instances, each with its own connection to the real Redis, sharing one key prefix.</summary>
public sealed class LocalCacheTierTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly string _prefix = TestEnvironment.UniqueName("it") + ":";
    private readonly List<IDisposable> _owned = [];

    private async Task<(RedisUserCache Cache, RedisConnection Redis)> InstanceAsync()
    {
        var redis = new RedisConnection(Options.Create(new RedisOptions { ConnectionString = TestEnvironment.RedisConnectionString, KeyPrefix = _prefix }));
        var bus = new RedisInvalidationBus(redis);
        var tier = new LocalCacheTier(bus, Options.Create(new LocalCacheOptions { Lifetime = TimeSpan.FromMinutes(5), MaxEntries = 100 }));
        _owned.Add(tier);
        _owned.Add(redis);
        var cache = new RedisUserCache(redis, tier, Options.Create(new AccountOptions()));
        await cache.GetAsync(0, default); // the first read subscribes
        var deadline = DateTime.UtcNow + Patience;
        while (!bus.IsListening && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(bus.IsListening);
        return (cache, redis);
    }

    private static User Profile(long id, string nickname) => new()
    {
        Id = id, Email = "a@b.co", Nickname = nickname, CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task A_profile_removed_through_one_instance_is_dropped_from_the_other_ones_copy()
    {
        var (first, redis) = await InstanceAsync();
        var (second, _) = await InstanceAsync();
        var id = Random.Shared.NextInt64(1, 1L << 53);
        await first.SetAsync(Profile(id, "old"), default);
        await redis.Database.PingAsync(); // the fill does not wait; a later command on its connection runs after it
        Assert.Equal("old", (await second.GetAsync(id, default))?.Nickname); // the second instance now keeps a copy

        // Redis changes behind both instances' backs: the copy answers, proving it is in process.
        await redis.Database.StringSetAsync(redis.Key("users:profile:" + id), System.Text.Json.JsonSerializer.Serialize(
            Profile(id, "behind"), Webook.Core.Http.WebookJson.Options));
        Assert.Equal("old", (await second.GetAsync(id, default))?.Nickname);

        await first.RemoveAsync(id, default);
        await first.SetAsync(Profile(id, "new"), default);

        var deadline = DateTime.UtcNow + Patience;
        string? seen;
        while ((seen = (await second.GetAsync(id, default))?.Nickname) != "new" && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal("new", seen);
    }

    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
    }
}
