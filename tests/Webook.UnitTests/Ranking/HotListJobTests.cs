using Microsoft.Extensions.Time.Testing;
using Webook.Core.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Webook.Core.Accounts;
using Webook.Core.Interactions;
using Webook.Core.Ranking;

namespace Webook.UnitTests.Ranking;

public sealed class HotListJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly IRecentlyPublished _articles = Substitute.For<IRecentlyPublished>();
    private readonly IInteractionStore _interactions = Substitute.For<IInteractionStore>();
    private readonly IUserStore _userStore = Substitute.For<IUserStore>();
    private readonly UserProfiles _users;
    private readonly IHotListStore _shared = Substitute.For<IHotListStore>();
    private readonly HotListOptions _options = new() { Size = 10, PageSize = 7, Window = TimeSpan.FromDays(7) };

    public HotListJobTests() => _users = new UserProfiles(_userStore, Substitute.For<IUserCache>(), new CacheMetrics(TestMeters.Factory), TimeProvider.System,
        NullLogger<UserProfiles>.Instance);

    [Fact]
    public async Task The_list_is_the_top_of_a_brute_force_sort_of_the_window_and_goes_to_both_caches()
    {
        var random = new Random(7);
        var inWindow = Enumerable.Range(1, 60).Select(i => Article(i, Now.AddHours(-random.Next(0, 24 * 7)))).ToList();
        var tooOld = Enumerable.Range(100, 5).Select(i => Article(i, Now.AddDays(-8))).ToList();
        var likes = inWindow.Concat(tooOld).ToDictionary(a => a.Id, a => a.Id >= 100 ? 1_000_000L : random.Next(0, 6));
        // The store may hand back rows just outside the window (its filter is on the table's clock): the job checks again.
        var pages = inWindow.Concat(tooOld).Chunk(_options.PageSize).Select(p => (IReadOnlyList<PublishedSummary>)p).ToList();
        _articles.SinceAsync(Now - _options.Window, _options.PageSize, Arg.Any<CancellationToken>()).Returns(pages.ToAsyncEnumerable());
        _interactions.GetCountsAsync(Arg.Any<long>(), Arg.Any<CancellationToken>())
            .Returns(call => new InteractionCounts(call.Arg<long>(), 1, 3, likes[call.Arg<long>()], 0));
        _userStore.FindByIdAsync(Arg.Any<long>(), Arg.Any<CancellationToken>()).Returns(call => new User { Id = call.Arg<long>(), Nickname = "n" + call.Arg<long>() });
        var cache = new HotListCache(_shared, Options.Create(_options), new FakeTimeProvider(Now), new CacheMetrics(TestMeters.Factory), NullLogger<HotListCache>.Instance);
        var job = new HotListJob(_articles, _interactions, _users, cache, Options.Create(_options), new FakeTimeProvider(Now), new HotListMetrics(TestMeters.Factory), NullLogger<HotListJob>.Instance);

        var list = await job.RunAsync(default);

        var expected = inWindow
            .Select(a => new HotCandidate(a, likes[a.Id], 3, HotScore.Of(likes[a.Id], a.UpdatedAt, Now, _options.Gravity)))
            .OrderByDescending(c => c, HotScore.Order).Take(10).Select(c => c.Article.Id).ToList();
        Assert.Equal(expected, list.Select(h => h.Id).ToList());
        Assert.All(list, h => Assert.Equal(("n" + h.Author.Id, likes[h.Id], 3L), (h.Author.Name, h.LikeCnt, h.ReadCnt)));
        await _shared.Received(1).SetAsync(list, Arg.Any<CancellationToken>());
        Assert.Same(list, await cache.GetAsync(default));
    }

    [Fact]
    public async Task A_run_records_its_duration_and_scan_and_a_failed_run_is_counted()
    {
        var meters = TestMeters.NewFactory();
        using var scanned = TestMeters.Collect<long>(meters, HotListMetrics.MeterName, "webook.hot_list.scanned");
        using var duration = TestMeters.Collect<double>(meters, HotListMetrics.MeterName, "webook.hot_list.duration");
        using var failures = TestMeters.Collect<long>(meters, HotListMetrics.MeterName, "webook.hot_list.failures");
        IReadOnlyList<PublishedSummary> page = [Article(1, Now.AddHours(-1)), Article(2, Now.AddHours(-2))];
        _articles.SinceAsync(Arg.Any<DateTimeOffset>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(new[] { page }.ToAsyncEnumerable());
        _interactions.GetCountsAsync(Arg.Any<long>(), Arg.Any<CancellationToken>()).Returns(call => new InteractionCounts(call.Arg<long>(), 1, 0, 1, 0));
        var cache = new HotListCache(_shared, Options.Create(_options), new FakeTimeProvider(Now), new CacheMetrics(TestMeters.Factory), NullLogger<HotListCache>.Instance);
        var job = new HotListJob(_articles, _interactions, _users, cache, Options.Create(_options), new FakeTimeProvider(Now), new HotListMetrics(meters),
            NullLogger<HotListJob>.Instance);

        await job.RunAsync(default);
        _shared.SetAsync(Arg.Any<IReadOnlyList<HotArticle>>(), Arg.Any<CancellationToken>()).Returns(Task.FromException(new TimeoutException()));
        await Assert.ThrowsAsync<TimeoutException>(() => job.RunAsync(default));

        Assert.Equal(2, Assert.Single(scanned.GetMeasurementSnapshot()).Value);
        Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(1, Assert.Single(failures.GetMeasurementSnapshot()).Value);
    }

    private static PublishedSummary Article(long id, DateTimeOffset updatedAt) => new(id, id % 3 + 1, "title " + id, "abstract", updatedAt);
}
