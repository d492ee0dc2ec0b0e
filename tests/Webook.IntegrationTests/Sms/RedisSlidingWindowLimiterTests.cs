using Microsoft.Extensions.Options;
using Webook.Core.Sms.RateLimiting;
using Webook.IntegrationTests.Redis;

namespace Webook.IntegrationTests.Sms;

public sealed class RedisSlidingWindowLimiterTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private RedisSlidingWindowLimiter Limiter(int limit, TimeSpan window) =>
        new(redis.Connection, Options.Create(new RateLimitOptions { Limit = limit, Window = window }));

    private static string NewKey() => "test:" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_concurrent_burst_lets_exactly_the_limit_through()
    {
        var limiter = Limiter(10, TimeSpan.FromMinutes(1));
        var key = NewKey();

        var allowed = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => limiter.TryAcquireAsync(key, default)));

        Assert.Equal(10, allowed.Count(a => a));
    }

    [Fact]
    public async Task The_window_slides_rather_than_resetting()
    {
        // Entries age out one by one: when the first frees its slot the second still holds its own, so
        // exactly one more fits (a fixed window would free both at once).
        var limiter = Limiter(2, TimeSpan.FromSeconds(2));
        var key = NewKey();
        Assert.True(await limiter.TryAcquireAsync(key, default));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.True(await limiter.TryAcquireAsync(key, default));
        Assert.False(await limiter.TryAcquireAsync(key, default));

        var freed = false;
        for (var i = 0; i < 100 && !freed; i++)
        {
            await Task.Delay(50);
            freed = await limiter.TryAcquireAsync(key, default);
        }

        Assert.True(freed);
        Assert.False(await limiter.TryAcquireAsync(key, default));
    }

    [Fact]
    public async Task Keys_have_separate_budgets_and_expire_with_their_window()
    {
        var limiter = Limiter(1, TimeSpan.FromSeconds(5));
        var (a, b) = (NewKey(), NewKey());
        Assert.True(await limiter.TryAcquireAsync(a, default));
        Assert.True(await limiter.TryAcquireAsync(b, default));
        Assert.False(await limiter.TryAcquireAsync(a, default));

        var ttl = await redis.Connection.Database.KeyTimeToLiveAsync(redis.Connection.Key("ratelimit:" + a));
        Assert.InRange(ttl!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_limit_of_zero_refuses_everything()
    {
        Assert.False(await Limiter(0, TimeSpan.FromSeconds(1)).TryAcquireAsync(NewKey(), default));
    }
}
