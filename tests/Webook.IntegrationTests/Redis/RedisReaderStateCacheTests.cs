using Webook.Core.Interactions.Storage;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Interactions;
using Webook.Core.Storage.Redis;

namespace Webook.IntegrationTests.Redis;

// The cache's writes do not wait; a later read on the same connection runs after them.
public sealed class RedisReaderStateCacheTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly UserInteraction Liked = new(true, false);
    private static readonly UserInteraction Collected = new(false, true);

    // With the in-process tier in front, as in the app: every write drops this instance's copy at once.
    private readonly RedisReaderStateCache _cache = new(redis.Connection,
        new LocalCacheTier(new RedisInvalidationBus(redis.Connection), Options.Create(new LocalCacheOptions())),
        Options.Create(new InteractionOptions { ReaderStateCacheLifetime = TimeSpan.FromMinutes(10) }));
    private readonly long _article = Random.Shared.NextInt64(1, 1L << 53);

    private Task<UserInteraction?> Cached() => _cache.GetAsync(_article, 1, default);

    [Fact]
    public async Task A_state_round_trips_with_the_configured_lifetime()
    {
        Assert.Null(await Cached());

        _cache.SetIfNewer(_article, 1, 5, Collected);

        Assert.Equal(Collected, await Cached());
        Assert.Null(await _cache.GetAsync(_article, 2, default));
        var ttl = await redis.Connection.Database.KeyTimeToLiveAsync(_cache.Key(_article, 1));
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task A_change_outdates_every_state_read_before_it_whenever_that_arrives()
    {
        _cache.SetIfNewer(_article, 1, 5, Liked);
        _cache.Changed(_article, 1, 7);
        Assert.Null(await Cached());

        _cache.SetIfNewer(_article, 1, 6, Liked); // read before the change, arriving after it
        Assert.Null(await Cached());

        _cache.SetIfNewer(_article, 1, 7, Collected); // read after the change
        Assert.Equal(Collected, await Cached());
    }

    [Fact]
    public async Task A_change_that_arrives_after_a_later_read_changes_nothing()
    {
        _cache.SetIfNewer(_article, 1, 9, Liked);
        _cache.Changed(_article, 1, 8);
        _cache.SetIfNewer(_article, 1, 8, Collected);
        _cache.SetIfNewer(_article, 1, 9, Collected);

        Assert.Equal(Liked, await Cached());
    }
}
