using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Webook.Core.Articles;
using Webook.Core.Ranking;
using Webook.Core.Auth;
using Webook.Core.Common;
using Webook.Core.Http;
using Webook.Core.Interactions;

namespace Webook.UnitTests.Interactions;

public sealed class InteractionHandlersTests
{
    private static readonly UserSession Reader = new(1, "s");
    private readonly IArticleStore _articles = Substitute.For<IArticleStore>();
    private readonly IInteractionStore _store = Substitute.For<IInteractionStore>();
    private readonly ICountCache _cache = Substitute.For<ICountCache>();
    private readonly IReaderStateCache _readers = Substitute.For<IReaderStateCache>();
    private readonly IReaderLists _lists = Substitute.For<IReaderLists>();
    private readonly InteractionRepository _interactions;
    private readonly InteractionHandlers _handlers;

    public InteractionHandlersTests()
    {
        // The real port: articles answer "who wrote it, if published" from the published row, without its content.
        var articles = new ArticleRepository(_articles, Substitute.For<IArticleCache>(), Substitute.For<IHotListJournal>(), Options.Create(new ArticleOptions()), new CacheMetrics(TestMeters.Factory),
            NullLogger<ArticleRepository>.Instance);
        _interactions = new InteractionRepository(_store, _cache, _readers, Substitute.For<ICountsMirror>(), new CacheMetrics(TestMeters.Factory), NullLogger<InteractionRepository>.Instance);
        _lists.IsCollectionOfAsync(1, Arg.Is<long>(cid => cid == 0 || cid == 5), Arg.Any<CancellationToken>()).Returns(true);
        _handlers = new InteractionHandlers(_interactions, articles, _lists);
    }

    private static RouteCall<T> Call<T>(T body) => new(new DefaultHttpContext().Request, Reader, body, default);

    private static Task<IResult> Like(InteractionHandlers handlers, bool like) => handlers.LikeAsync(Call(new LikeRequest { Id = 42, Like = like }));

    private static Task<IResult> Collect(InteractionHandlers handlers, long cid, bool collect) =>
        handlers.CollectAsync(Call(new CollectRequest { Id = 42, Cid = cid, Collect = collect }));

    [Fact]
    public async Task An_article_readers_cannot_see_is_neither_liked_nor_collected()
    {
        Assert.Equal(ApiResults.CallerMistake, await CodeOf(Like(_handlers, true)));
        Assert.Equal(ApiResults.CallerMistake, await CodeOf(Collect(_handlers, 0, true)));

        await _store.DidNotReceiveWithAnyArgs().SetLikeAsync(default, default, default, default, default);
        await _store.DidNotReceiveWithAnyArgs().SetCollectAsync(default, default, default, default, default, default);
        Assert.DoesNotContain(_lists.ReceivedCalls(), c => c.GetMethodInfo().Name != nameof(IReaderLists.IsCollectionOfAsync));
    }

    [Fact]
    public async Task A_collect_into_a_collection_that_is_not_the_callers_is_refused_and_changes_nothing()
    {
        _articles.PublishedAuthorAsync(42, Arg.Any<CancellationToken>()).Returns(7L);

        Assert.Equal(ApiResults.CallerMistake, await CodeOf(Collect(_handlers, 6, true)));

        await _store.DidNotReceiveWithAnyArgs().SetCollectAsync(default, default, default, default, default, default);
        await _lists.DidNotReceiveWithAnyArgs().SetCollectedAsync(default, default, default, default, default);
    }

    [Fact]
    public async Task After_the_articles_records_the_readers_lists_are_made_to_agree_even_when_the_records_did_not_change()
    {
        _articles.PublishedAuthorAsync(42, Arg.Any<CancellationToken>()).Returns(7L);
        _store.SetLikeAsync(42, 7, 1, true, Arg.Any<CancellationToken>()).Returns((InteractionCounts?)null, new InteractionCounts(42, 2, 0, 1, 0));

        Assert.Equal(ApiResults.Success, await CodeOf(Like(_handlers, true)));
        Assert.Equal(ApiResults.Success, await CodeOf(Collect(_handlers, 5, false)));
        Assert.Equal(ApiResults.Success, await CodeOf(Like(_handlers, true)));

        Received.InOrder(() =>
        {
            _store.SetLikeAsync(42, 7, 1, true, Arg.Any<CancellationToken>());
            _lists.SetLikedAsync(1, 42, true, false, Arg.Any<CancellationToken>());
            // The second like changed the record: the list is told so, and may write without reading first.
            _store.SetLikeAsync(42, 7, 1, true, Arg.Any<CancellationToken>());
            _lists.SetLikedAsync(1, 42, true, true, Arg.Any<CancellationToken>());
        });
        await _lists.Received(1).SetCollectedAsync(1, 42, 5, false, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Whether_an_article_is_published_is_asked_without_loading_its_content()
    {
        _articles.PublishedAuthorAsync(42, Arg.Any<CancellationToken>()).Returns(7L);

        Assert.Equal(ApiResults.Success, await CodeOf(Like(_handlers, true)));

        await _articles.DidNotReceiveWithAnyArgs().GetPublishedAsync(default, default);
    }

    [Fact]
    public async Task A_like_the_table_accepted_is_offered_to_the_cache_and_one_that_changed_nothing_is_not()
    {
        _articles.PublishedAuthorAsync(42, Arg.Any<CancellationToken>()).Returns(7L);
        var counts = new InteractionCounts(42, 3, 0, 1, 0);
        _store.SetLikeAsync(42, 7, 1, true, Arg.Any<CancellationToken>()).Returns(counts, (InteractionCounts?)null);

        Assert.Equal(ApiResults.Success, await CodeOf(Like(_handlers, true)));
        Assert.Equal(ApiResults.Success, await CodeOf(Like(_handlers, true)));

        _cache.Received(1).SetIfNewer(counts);
        _readers.Received(1).Changed(42, 1, 3);
    }

    [Fact]
    public async Task A_collect_the_table_accepted_outdates_the_collectors_cached_state()
    {
        _articles.PublishedAuthorAsync(42, Arg.Any<CancellationToken>()).Returns(7L);
        _store.SetCollectAsync(42, 7, 1, 5, false, Arg.Any<CancellationToken>()).Returns(new InteractionCounts(42, 8, 0, 0, 0));

        Assert.Equal(ApiResults.Success, await CodeOf(Collect(_handlers, 5, false)));

        _readers.Received(1).Changed(42, 1, 8);
    }

    [Fact]
    public async Task A_readers_cached_state_answers_without_the_table()
    {
        _cache.GetAsync(42, Arg.Any<CancellationToken>()).Returns(new InteractionCounts(42, 9, 5, 2, 1));
        _readers.GetAsync(42, 1, Arg.Any<CancellationToken>()).Returns(new UserInteraction(false, true));

        var mine = await _interactions.GetUserInteractionAsync(42, 1, _interactions.GetCountsAsync(42, default), default);

        Assert.Equal(new UserInteraction(false, true), mine);
        await _store.DidNotReceiveWithAnyArgs().GetUserInteractionAsync(default, default, default);
    }

    [Fact]
    public async Task A_state_read_from_the_table_is_cached_under_the_counts_version_seen_before_reading_it()
    {
        var counts = new TaskCompletionSource<InteractionCounts?>();
        _cache.GetAsync(42, Arg.Any<CancellationToken>()).Returns(counts.Task);
        _store.GetUserInteractionAsync(42, 1, Arg.Any<CancellationToken>()).Returns(new UserInteraction(true, false));

        var reading = _interactions.GetUserInteractionAsync(42, 1, _interactions.GetCountsAsync(42, default), default);
        await _store.DidNotReceiveWithAnyArgs().GetUserInteractionAsync(default, default, default);
        counts.SetResult(new InteractionCounts(42, 9, 5, 2, 1));
        var mine = await reading;

        Assert.Equal(new UserInteraction(true, false), mine);
        _readers.Received(1).SetIfNewer(42, 1, 9, new UserInteraction(true, false));
    }

    [Fact]
    public async Task Cached_counts_answer_without_the_table()
    {
        _cache.GetAsync(42, Arg.Any<CancellationToken>()).Returns(new InteractionCounts(42, 9, 5, 2, 1));

        var counts = await _interactions.GetCountsAsync(42, default);

        Assert.Equal((5L, 2L, 1L), (counts.Reads, counts.Likes, counts.Collects));
        await _store.DidNotReceiveWithAnyArgs().GetCountsAsync(default, default);
    }

    [Fact]
    public async Task A_cache_failure_reads_the_table_instead()
    {
        _cache.GetAsync(42, Arg.Any<CancellationToken>()).Returns<InteractionCounts?>(_ => throw new TimeoutException());
        _store.GetCountsAsync(42, Arg.Any<CancellationToken>()).Returns(new InteractionCounts(42, 4, 3, 2, 1));

        var counts = await _interactions.GetCountsAsync(42, default);

        Assert.Equal((3L, 2L), (counts.Reads, counts.Likes));
    }

    private static async Task<int> CodeOf(Task<IResult> answer) => Assert.IsType<JsonHttpResult<Envelope>>(await answer).Value!.Code;
}
