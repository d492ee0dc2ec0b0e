using Webook.Core.Accounts.Storage;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Common;
using Webook.Core.Interactions;
using Webook.Core.Interactions.Storage;
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
        var (tier, redis) = await TierAsync();
        return (new RedisUserCache(redis, tier, Options.Create(new AccountOptions())), redis);
    }

    /// <summary>An instance's tier on its own connection, listening.</summary>
    private async Task<(LocalCacheTier Tier, RedisConnection Redis)> TierAsync()
    {
        var redis = new RedisConnection(Options.Create(new RedisOptions { ConnectionString = TestEnvironment.RedisConnectionString, KeyPrefix = _prefix }));
        var bus = new RedisInvalidationBus(redis);
        var tier = new LocalCacheTier(bus, Options.Create(new LocalCacheOptions { Lifetime = TimeSpan.FromMinutes(5), MaxEntries = 100 }));
        _owned.Add(tier);
        _owned.Add(redis);
        await tier.GetOrReadAsync("warm-up", () => Task.FromResult<string?>(null)); // the first read subscribes
        var deadline = DateTime.UtcNow + Patience;
        while (!bus.IsListening && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(bus.IsListening);
        return (tier, redis);
    }

    [Fact]
    public async Task A_readers_state_changed_through_one_instance_is_dropped_from_the_other_ones_copy()
    {
        var options = Options.Create(new InteractionOptions());
        var (firstTier, redis) = await TierAsync();
        var (secondTier, secondRedis) = await TierAsync();
        var first = new RedisReaderStateCache(redis, firstTier, options);
        var second = new RedisReaderStateCache(secondRedis, secondTier, options);
        var article = Random.Shared.NextInt64(1, 1L << 53);
        var liked = new UserInteraction(true, false);
        // Straight into Redis: a write through the first instance would announce a drop that may reach the second
        // after the second has read, and take its copy away.
        await redis.Database.StringSetAsync(first.Key(article, 7), "5:10");
        Assert.Equal(liked, await second.GetAsync(article, 7, default)); // the second instance now keeps a copy

        // Redis changes behind both instances' backs: the copy answers, proving it is in process.
        await redis.Database.StringSetAsync(first.Key(article, 7), "5:01");
        Assert.Equal(liked, await second.GetAsync(article, 7, default));

        first.Changed(article, 7, 6); // the reader unliked through the first instance
        var deadline = DateTime.UtcNow + Patience;
        UserInteraction? seen;
        while ((seen = await second.GetAsync(article, 7, default)) is not null && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Null(seen);
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
