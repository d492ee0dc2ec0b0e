using Webook.Core.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Webook.Core.Articles;
using Webook.Core.Interactions;

namespace Webook.UnitTests.Interactions;

public sealed class InteractionServiceTests
{
    private readonly IArticleStore _articles = Substitute.For<IArticleStore>();
    private readonly IInteractionStore _store = Substitute.For<IInteractionStore>();
    private readonly ICountCache _cache = Substitute.For<ICountCache>();
    private readonly IReaderStateCache _readers = Substitute.For<IReaderStateCache>();
    private readonly IReadEventPublisher _reads = Substitute.For<IReadEventPublisher>();
    private readonly InteractionService _service;

    public InteractionServiceTests()
    {
        var articles = new ArticleRepository(_articles, Substitute.For<IArticleCache>(), Options.Create(new ArticleOptions()), new CacheMetrics(TestMeters.Factory),
            NullLogger<ArticleRepository>.Instance);
        var interactions = new InteractionRepository(_store, _cache, _readers, new CacheMetrics(TestMeters.Factory), NullLogger<InteractionRepository>.Instance);
        _service = new InteractionService(interactions, articles, _reads, TimeProvider.System);
    }

    [Fact]
    public async Task An_article_readers_cannot_see_is_neither_liked_nor_collected()
    {
        Assert.False(await _service.LikeAsync(1, 42, true, default));
        Assert.False(await _service.CollectAsync(1, 42, 0, true, default));

        await _store.DidNotReceiveWithAnyArgs().SetLikeAsync(default, default, default, default);
        await _store.DidNotReceiveWithAnyArgs().SetCollectAsync(default, default, default, default, default);
    }

    [Fact]
    public async Task A_like_the_table_accepted_is_offered_to_the_cache_and_one_that_changed_nothing_is_not()
    {
        _articles.GetPublishedAsync(42, Arg.Any<CancellationToken>()).Returns(new Article { Id = 42, AuthorId = 7 });
        var counts = new InteractionCounts(42, 3, 0, 1, 0);
        _store.SetLikeAsync(42, 1, true, Arg.Any<CancellationToken>()).Returns(counts, (InteractionCounts?)null);

        Assert.True(await _service.LikeAsync(1, 42, true, default));
        Assert.True(await _service.LikeAsync(1, 42, true, default));

        _cache.Received(1).SetIfNewer(counts);
        _readers.Received(1).Changed(42, 1, 3);
    }

    [Fact]
    public async Task A_collect_the_table_accepted_outdates_the_collectors_cached_state()
    {
        _articles.GetPublishedAsync(42, Arg.Any<CancellationToken>()).Returns(new Article { Id = 42, AuthorId = 7 });
        _store.SetCollectAsync(42, 1, 5, false, Arg.Any<CancellationToken>()).Returns(new InteractionCounts(42, 8, 0, 0, 0));

        Assert.True(await _service.CollectAsync(1, 42, 5, false, default));

        _readers.Received(1).Changed(42, 1, 8);
    }

    [Fact]
    public async Task A_readers_cached_state_answers_without_the_table()
    {
        _cache.GetAsync(42, Arg.Any<CancellationToken>()).Returns(new InteractionCounts(42, 9, 5, 2, 1));
        _readers.GetAsync(42, 1, Arg.Any<CancellationToken>()).Returns(new ReaderState(new UserInteraction(false, true)));

        var mine = await _service.ReaderStateAsync(42, 1, _service.CountsAsync(42, default), default);

        Assert.Equal(new UserInteraction(false, true), mine);
        await _store.DidNotReceiveWithAnyArgs().GetUserInteractionAsync(default, default, default);
    }

    [Fact]
    public async Task A_state_read_from_the_table_is_cached_under_the_counts_version_seen_before_reading_it()
    {
        var counts = new TaskCompletionSource<InteractionCounts?>();
        _cache.GetAsync(42, Arg.Any<CancellationToken>()).Returns(counts.Task);
        _store.GetUserInteractionAsync(42, 1, Arg.Any<CancellationToken>()).Returns(new UserInteraction(true, false));

        var reading = _service.ReaderStateAsync(42, 1, _service.CountsAsync(42, default), default);
        await _store.DidNotReceiveWithAnyArgs().GetUserInteractionAsync(default, default, default);
        counts.SetResult(new InteractionCounts(42, 9, 5, 2, 1));
        var mine = await reading;

        Assert.Equal(new UserInteraction(true, false), mine);
        _readers.Received(1).SetIfNewer(42, 1, 9, new UserInteraction(true, false));
    }

    [Fact]
    public void Opening_an_article_publishes_a_read_of_the_reader_or_of_nobody()
    {
        _service.Opened(42, 1);
        _service.Opened(42, null);

        _reads.Received(1).Publish(Arg.Is<ReadEvent>(r => r.ArticleId == 42 && r.UserId == 1));
        _reads.Received(1).Publish(Arg.Is<ReadEvent>(r => r.ArticleId == 42 && r.UserId == 0));
    }

    [Fact]
    public async Task Cached_counts_answer_without_the_table()
    {
        _cache.GetAsync(42, Arg.Any<CancellationToken>()).Returns(new InteractionCounts(42, 9, 5, 2, 1));

        var counts = await _service.CountsAsync(42, default);

        Assert.Equal((5L, 2L, 1L), (counts.Reads, counts.Likes, counts.Collects));
        await _store.DidNotReceiveWithAnyArgs().GetCountsAsync(default, default);
    }

    [Fact]
    public async Task A_cache_failure_reads_the_table_instead()
    {
        _cache.GetAsync(42, Arg.Any<CancellationToken>()).Returns<InteractionCounts?>(_ => throw new TimeoutException());
        _store.GetCountsAsync(42, Arg.Any<CancellationToken>()).Returns(new InteractionCounts(42, 4, 3, 2, 1));

        var counts = await _service.CountsAsync(42, default);

        Assert.Equal((3L, 2L), (counts.Reads, counts.Likes));
    }
}
