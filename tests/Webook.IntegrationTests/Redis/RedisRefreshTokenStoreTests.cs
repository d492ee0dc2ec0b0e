using Webook.Core.Auth.Storage;
using Webook.Core.Auth;
using Webook.Core.Storage.Redis;

namespace Webook.IntegrationTests.Redis;

public sealed class RedisRefreshTokenStoreTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private readonly RedisRefreshTokenStore _store = new(redis.Connection);
    private readonly string _ssid = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task The_current_id_is_kept_for_the_refresh_lifetime_and_each_rotation_starts_it_again()
    {
        await _store.SetCurrentAsync(_ssid, "first", Lifetime, default);
        await redis.Connection.Database.KeyExpireAsync(Key(), TimeSpan.FromDays(1));

        Assert.Equal(RefreshRotation.Rotated, await _store.RotateAsync(_ssid, "first", "second", Lifetime, default));

        Assert.Equal("second", (string?)await redis.Connection.Database.StringGetAsync(Key()));
        var ttl = await redis.Connection.Database.KeyTimeToLiveAsync(Key());
        Assert.InRange(ttl!.Value, Lifetime - TimeSpan.FromMinutes(1), Lifetime);
    }

    [Fact]
    public async Task Only_the_current_id_rotates_and_an_old_one_ends_the_record()
    {
        await _store.SetCurrentAsync(_ssid, "first", Lifetime, default);
        Assert.Equal(RefreshRotation.Rotated, await _store.RotateAsync(_ssid, "first", "second", Lifetime, default));

        Assert.Equal(RefreshRotation.Reused, await _store.RotateAsync(_ssid, "first", "third", Lifetime, default));

        Assert.False(await redis.Connection.Database.KeyExistsAsync(Key()));
        Assert.Equal(RefreshRotation.UnknownSession, await _store.RotateAsync(_ssid, "second", "fourth", Lifetime, default));
    }

    [Fact]
    public async Task A_session_without_a_record_does_not_rotate_and_gets_none()
    {
        Assert.Equal(RefreshRotation.UnknownSession, await _store.RotateAsync(_ssid, "any", "next", Lifetime, default));
        Assert.False(await redis.Connection.Database.KeyExistsAsync(Key()));
    }

    // The first rotation wins; the next finds an old id and ends the record; the rest find no record.
    [Fact]
    public async Task Of_concurrent_rotations_with_one_id_exactly_one_wins_and_the_next_ends_the_record()
    {
        await _store.SetCurrentAsync(_ssid, "first", Lifetime, default);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => _store.RotateAsync(_ssid, "first", "next-" + i, Lifetime, default))));

        Assert.Single(results, r => r == RefreshRotation.Rotated);
        Assert.Single(results, r => r == RefreshRotation.Reused);
        Assert.Equal(18, results.Count(r => r == RefreshRotation.UnknownSession));
        Assert.False(await redis.Connection.Database.KeyExistsAsync(Key()));
    }

    private StackExchange.Redis.RedisKey Key() => redis.Connection.Key("users:refresh:" + _ssid);
}
