using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Webook.Core.Common;
using Webook.Core.Storage.Redis;
using Webook.IntegrationTests.Redis;

namespace Webook.IntegrationTests.Sms;

public sealed class RedisSlidingWindowLimiterTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly RateLimitMetrics RateLimits =
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    private LimiterAt Limiter(int limit, TimeSpan window) => new(new RedisSlidingWindowLimiter(redis.Connection, RateLimits), new WindowLimit(limit, window));

    /// <summary>The limiter with one limit, answering yes or no.</summary>
    private sealed record LimiterAt(RedisSlidingWindowLimiter Inner, WindowLimit Limit)
    {
        public async Task<bool> TryAcquireAsync(string key, CancellationToken ct) => await Inner.TryAcquireAsync(key, Limit, ct) is not null;
    }

    private static string NewKey() => "test:" + Guid.NewGuid().ToString("N");

    /// <summary>Tries until one call is allowed (or gives up after a generous while); never judges how long it took.</summary>
    private static async Task<bool> EventuallyAllowedAsync(LimiterAt limiter, string key)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await limiter.TryAcquireAsync(key, default)) return true;
            await Task.Delay(20);
        }

        return false;
    }

    [Fact]
    public async Task Only_refusals_are_counted_and_under_the_kind_of_limit()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        using var refusals = new MetricCollector<long>(meters, RateLimitMetrics.MeterName, "webook.rate_limit.refusals");
        var limiter = new RedisSlidingWindowLimiter(redis.Connection, new RateLimitMetrics(meters));
        var key = "login:account:" + Guid.NewGuid().ToString("N") + "@example.com";

        Assert.NotNull(await limiter.TryAcquireAsync(key, new WindowLimit(1, TimeSpan.FromMinutes(1)), default));
        Assert.Null(await limiter.TryAcquireAsync(key, new WindowLimit(1, TimeSpan.FromMinutes(1)), default));

        var refusal = Assert.Single(refusals.GetMeasurementSnapshot());
        Assert.Equal(("limit", (object?)"login:account"), Assert.Single(refusal.Tags.Select(t => (t.Key, t.Value))));
    }

    [Fact]
    public async Task A_concurrent_burst_lets_exactly_the_limit_through()
    {
        var limiter = Limiter(10, TimeSpan.FromMinutes(1));
        var key = NewKey();

        var allowed = await Task.WhenAll(Enumerable.Range(0, 100)
            .Select(_ => Task.Run(() => limiter.TryAcquireAsync(key, default))));

        Assert.Equal(10, allowed.Count(a => a));
        Assert.Equal(10, await redis.Connection.Database.SortedSetLengthAsync(redis.Connection.Key("ratelimit:" + key)));
    }

    [Fact]
    public async Task Calls_are_allowed_again_once_the_window_has_passed()
    {
        // Wide margins: the three quick calls on each side must land within one window even on a busy machine.
        var window = TimeSpan.FromSeconds(2);
        var limiter = Limiter(2, window);
        var key = NewKey();
        Assert.True(await limiter.TryAcquireAsync(key, default));
        Assert.True(await limiter.TryAcquireAsync(key, default));
        Assert.False(await limiter.TryAcquireAsync(key, default));

        await Task.Delay(window + TimeSpan.FromMilliseconds(500));

        Assert.True(await limiter.TryAcquireAsync(key, default));
        Assert.True(await limiter.TryAcquireAsync(key, default));
        Assert.False(await limiter.TryAcquireAsync(key, default));
    }

    [Fact]
    public async Task The_window_slides_rather_than_resetting()
    {
        // Entries age out one by one: when the first frees its slot the second (taken ~1 s later) still
        // holds its own, so exactly one more fits; a fixed window would free both at once. The 1 s gap on
        // each side keeps a slow moment of the machine from deciding the outcome.
        var limiter = Limiter(2, TimeSpan.FromSeconds(2));
        var key = NewKey();
        Assert.True(await limiter.TryAcquireAsync(key, default));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.True(await limiter.TryAcquireAsync(key, default));
        Assert.False(await limiter.TryAcquireAsync(key, default));

        Assert.True(await EventuallyAllowedAsync(limiter, key));
        Assert.False(await limiter.TryAcquireAsync(key, default));
    }

    [Fact]
    public async Task Separate_keys_do_not_share_a_budget()
    {
        var limiter = Limiter(1, TimeSpan.FromMinutes(1));
        var (a, b) = (NewKey(), NewKey());

        Assert.True(await limiter.TryAcquireAsync(a, default));
        Assert.True(await limiter.TryAcquireAsync(b, default));
        Assert.False(await limiter.TryAcquireAsync(a, default));
        Assert.False(await limiter.TryAcquireAsync(b, default));
    }

    [Fact]
    public async Task The_key_expires_with_its_window()
    {
        var window = TimeSpan.FromSeconds(5);
        var key = NewKey();
        Assert.True(await Limiter(3, window).TryAcquireAsync(key, default));

        var pttl = await redis.Connection.Database.KeyTimeToLiveAsync(redis.Connection.Key("ratelimit:" + key));

        Assert.NotNull(pttl);
        Assert.InRange(pttl.Value, TimeSpan.FromMilliseconds(1), window);
    }

    [Fact]
    public async Task A_limit_of_zero_refuses_everything()
    {
        var key = NewKey();
        Assert.False(await Limiter(0, TimeSpan.FromSeconds(1)).TryAcquireAsync(key, default));
        Assert.False(await redis.Connection.Database.KeyExistsAsync(redis.Connection.Key("ratelimit:" + key)));
    }

    [Fact]
    public async Task A_cancelled_caller_is_not_counted()
    {
        var limiter = Limiter(1, TimeSpan.FromMinutes(1));
        var key = NewKey();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.TryAcquireAsync(key, new CancellationToken(true)));

        Assert.True(await limiter.TryAcquireAsync(key, default));
    }

    [Fact]
    public async Task A_released_event_frees_its_slot()
    {
        var limiter = new RedisSlidingWindowLimiter(redis.Connection, RateLimits);
        var limit = new WindowLimit(1, TimeSpan.FromMinutes(1));
        var key = NewKey();

        var first = await limiter.TryAcquireAsync(key, limit, default);
        Assert.NotNull(first);
        Assert.Null(await limiter.TryAcquireAsync(key, limit, default));

        await limiter.ReleaseAsync(key, first, default);

        Assert.NotNull(await limiter.TryAcquireAsync(key, limit, default));
    }

    [Fact]
    public async Task Under_a_spacing_an_empty_log_lets_one_in_and_the_next_waits_for_the_spacing_after_the_newest()
    {
        var limiter = new RedisSlidingWindowLimiter(redis.Connection, RateLimits);
        var key = NewKey();
        var spaced = new WindowLimit(10, TimeSpan.FromMinutes(1), MinSpacing: TimeSpan.FromHours(1));

        Assert.NotNull(await limiter.TryAcquireAsync(key, spaced, default));
        Assert.Null(await limiter.TryAcquireAsync(key, spaced, default));
        Assert.NotNull(await limiter.TryAcquireAsync(key, spaced with { MinSpacing = TimeSpan.Zero }, default));
        Assert.Equal(2, await limiter.CountAsync(key, TimeSpan.FromMinutes(1), default));
    }

    [Fact]
    public async Task Once_the_spacing_has_passed_the_next_event_gets_in()
    {
        // Wide margins: the second call lands well inside the 1 s spacing even on a busy machine; the third is tried until allowed.
        var limiter = new LimiterAt(new RedisSlidingWindowLimiter(redis.Connection, RateLimits),
            new WindowLimit(10, TimeSpan.FromMinutes(1), MinSpacing: TimeSpan.FromSeconds(1)));
        var key = NewKey();
        Assert.True(await limiter.TryAcquireAsync(key, default));
        Assert.False(await limiter.TryAcquireAsync(key, default));

        Assert.True(await EventuallyAllowedAsync(limiter, key));
        Assert.Equal(2, await redis.Connection.Database.SortedSetLengthAsync(redis.Connection.Key("ratelimit:" + key)));
    }

    [Fact]
    public async Task Of_a_concurrent_burst_under_a_spacing_exactly_one_gets_in()
    {
        var limiter = new LimiterAt(new RedisSlidingWindowLimiter(redis.Connection, RateLimits),
            new WindowLimit(10, TimeSpan.FromMinutes(1), MinSpacing: TimeSpan.FromHours(1)));
        var key = NewKey();
        // One event already in the log: spacing applies to all of the burst.
        Assert.NotNull(await limiter.Inner.TryAcquireAsync(key, new WindowLimit(10, TimeSpan.FromMinutes(1)), default));

        var allowed = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => limiter.TryAcquireAsync(key, default))));

        Assert.Equal(0, allowed.Count(a => a));
        var empty = NewKey();
        allowed = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => limiter.TryAcquireAsync(empty, default))));
        Assert.Equal(1, allowed.Count(a => a));
    }

    [Fact]
    public async Task Count_reads_the_events_in_the_window_and_counts_none_itself()
    {
        var limiter = new RedisSlidingWindowLimiter(redis.Connection, RateLimits);
        var key = NewKey();
        Assert.Equal(0, await limiter.CountAsync(key, TimeSpan.FromMinutes(1), default));
        for (var i = 0; i < 3; i++) Assert.NotNull(await limiter.TryAcquireAsync(key, new WindowLimit(10, TimeSpan.FromMinutes(1)), default));

        Assert.Equal(3, await limiter.CountAsync(key, TimeSpan.FromMinutes(1), default));
        Assert.Equal(3, await limiter.CountAsync(key, TimeSpan.FromMinutes(1), default));
        Assert.Equal(3, await redis.Connection.Database.SortedSetLengthAsync(redis.Connection.Key("ratelimit:" + key)));
    }
}
