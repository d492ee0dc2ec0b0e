using Microsoft.Extensions.Time.Testing;
using Webook.Core.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Webook.Core.Ranking;

namespace Webook.UnitTests.Ranking;

public sealed class HotListCacheTests
{
    private readonly IHotListStore _shared = Substitute.For<IHotListStore>();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly HotListCache _cache;

    public HotListCacheTests() =>
        _cache = new HotListCache(_shared, Options.Create(new HotListOptions { LocalCacheLifetime = TimeSpan.FromSeconds(10) }), _time,
            new CacheMetrics(TestMeters.Factory), NullLogger<HotListCache>.Instance);

    [Fact]
    public async Task The_local_copy_serves_until_its_lifetime_ends_then_redis_is_asked()
    {
        IReadOnlyList<HotArticle> first = [Hot(1)], second = [Hot(2)];
        _shared.GetAsync(Arg.Any<CancellationToken>()).Returns(first, second);

        Assert.Same(first, await _cache.GetAsync(default));
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Same(first, await _cache.GetAsync(default));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Same(second, await _cache.GetAsync(default));
        await _shared.Received(2).GetAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task With_redis_failing_the_last_local_copy_is_served_however_old_and_redis_is_not_asked_on_every_read()
    {
        IReadOnlyList<HotArticle> list = [Hot(1)];
        _shared.GetAsync(Arg.Any<CancellationToken>()).Returns(Task.FromResult<IReadOnlyList<HotArticle>?>(list), Fail(), Fail());
        await _cache.GetAsync(default);

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Same(list, await _cache.GetAsync(default));
        Assert.Same(list, await _cache.GetAsync(default));
        await _shared.Received(2).GetAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_cold_instance_with_redis_failing_answers_an_empty_list()
    {
        _shared.GetAsync(Arg.Any<CancellationToken>()).Returns(Fail());

        Assert.Empty(await _cache.GetAsync(default));
    }

    private static Task<IReadOnlyList<HotArticle>?> Fail() => Task.FromException<IReadOnlyList<HotArticle>?>(new TimeoutException("redis"));

    private static HotArticle Hot(long id) => new(id, "t", "a", new HotAuthor(1, "n"), 1, 1, 0, 0);
}
