using Webook.Core.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Webook.Core.Articles;
using Webook.Core.Ranking;

namespace Webook.UnitTests.Articles;

public sealed class ArticleRepositoryTests
{
    private readonly IArticleStore _store = Substitute.For<IArticleStore>();
    private readonly IArticleCache _cache = Substitute.For<IArticleCache>();
    private readonly IHotListJournal _hotList = Substitute.For<IHotListJournal>();
    private readonly ArticleRepository _repository;
    private static readonly Article Draft = new() { Id = 7, AuthorId = 1, Title = "t", Version = 2 };

    public ArticleRepositoryTests() => _repository = new ArticleRepository(_store, _cache, _hotList,
        Options.Create(new ArticleOptions { FirstPageSize = 10 }), new CacheMetrics(TestMeters.Factory), NullLogger<ArticleRepository>.Instance);

    private static ArticleSummary Summary(long id) => new(id, "t", "a", ArticleStatus.Unpublished, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Saving_drops_the_first_page_and_caches_the_draft_but_not_a_published_copy()
    {
        _store.SaveAsync(Draft, false, Arg.Any<CancellationToken>()).Returns(Draft);
        await _repository.SaveAsync(Draft, false, default);
        await _cache.Received().RemoveFirstPageAsync(1, Arg.Any<CancellationToken>());
        await _cache.Received().SetDraftAsync(Draft, Arg.Any<CancellationToken>());
        await _cache.DidNotReceiveWithAnyArgs().SetPublishedAsync(default!, default);
    }

    [Fact]
    public async Task Publishing_caches_the_published_copy_only_when_it_became_the_published_one()
    {
        var won = Draft with { ContentUrl = new Uri("http://cdn/7.html") };
        _store.SaveAsync(Draft, true, Arg.Any<CancellationToken>()).Returns(won, Draft);

        await _repository.SaveAsync(Draft, true, default);
        await _repository.SaveAsync(Draft, true, default);

        await _cache.Received(1).SetPublishedAsync(Arg.Any<Article>(), Arg.Any<CancellationToken>());
        await _cache.Received(1).SetPublishedAsync(won, Arg.Any<CancellationToken>());
        _hotList.Received(1).ArticleChanged(7);
    }

    [Fact]
    public async Task Saving_a_draft_does_not_tell_the_hot_list_and_withdrawing_does()
    {
        _store.SaveAsync(Draft, false, Arg.Any<CancellationToken>()).Returns(Draft);
        _store.WithdrawAsync(1, 7, Arg.Any<CancellationToken>()).Returns(true, false);

        await _repository.SaveAsync(Draft, false, default);
        _hotList.DidNotReceiveWithAnyArgs().ArticleChanged(default);
        Assert.True(await _repository.WithdrawAsync(1, 7, default));
        Assert.False(await _repository.WithdrawAsync(1, 7, default));

        _hotList.Received(1).ArticleChanged(7);
    }

    [Fact]
    public async Task A_failing_cache_never_fails_a_write_or_a_read()
    {
        _cache.RemoveFirstPageAsync(default, default).ThrowsAsyncForAnyArgs(new TimeoutException("redis down"));
        _cache.SetDraftAsync(default!, default).ThrowsAsyncForAnyArgs(new TimeoutException("redis down"));
        _cache.SetPublishedAsync(default!, default).ThrowsAsyncForAnyArgs(new TimeoutException("redis down"));
        _cache.GetPublishedAsync(7, Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException("redis down"));
        _store.SaveAsync(Draft, true, Arg.Any<CancellationToken>()).Returns(Draft with { ContentUrl = new Uri("http://x/") });
        _store.GetPublishedAsync(7, Arg.Any<CancellationToken>()).Returns(Draft);
        _hotList.When(h => h.ArticleChanged(7)).Throw(new InvalidOperationException("no connection"));

        Assert.NotNull(await _repository.SaveAsync(Draft, true, default));
        Assert.Same(Draft, await _repository.GetPublishedAsync(7, default));
    }

    [Fact]
    public async Task A_cached_draft_of_another_author_is_not_found()
    {
        _cache.GetDraftAsync(7, Arg.Any<CancellationToken>()).Returns(Draft);
        Assert.Null(await _repository.GetDraftAsync(authorId: 2, 7, default));
        await _store.DidNotReceiveWithAnyArgs().GetDraftAsync(default, default, default);
    }

    [Fact]
    public async Task The_first_page_is_read_once_sliced_from_the_cache_and_its_newest_draft_preloaded()
    {
        var page = Enumerable.Range(1, 10).Select(i => Summary(100 - i)).ToList();
        _cache.GetFirstPageAsync(1, Arg.Any<CancellationToken>()).Returns((IReadOnlyList<ArticleSummary>?)null);
        _store.ListAsync(1, 0, 10, Arg.Any<CancellationToken>()).Returns(page);
        _store.GetDraftAsync(1, 99, Arg.Any<CancellationToken>()).Returns(Draft with { Id = 99 });

        var slice = await _repository.ListAsync(1, 2, 3, default);

        Assert.Equal([97L, 96, 95], slice.Select(a => a.Id));
        await _cache.Received().SetFirstPageAsync(1, page, Arg.Any<CancellationToken>());
        await _cache.Received().SetDraftAsync(Arg.Is<Article>(a => a.Id == 99), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Pages_beyond_the_cached_first_page_come_from_the_store()
    {
        _store.ListAsync(1, 8, 5, Arg.Any<CancellationToken>()).Returns([Summary(1)]);
        Assert.Single(await _repository.ListAsync(1, 8, 5, default));
        await _cache.DidNotReceiveWithAnyArgs().GetFirstPageAsync(default, default);
    }

    [Fact]
    public async Task Withdrawing_drops_the_published_copy_before_and_after_the_store_writes()
    {
        _store.WithdrawAsync(1, 7, Arg.Any<CancellationToken>()).Returns(true);
        Assert.True(await _repository.WithdrawAsync(1, 7, default));
        Received.InOrder(() =>
        {
            _cache.RemovePublishedAsync(7, Arg.Any<CancellationToken>());
            _store.WithdrawAsync(1, 7, Arg.Any<CancellationToken>());
            _cache.RemovePublishedAsync(7, Arg.Any<CancellationToken>());
        });
    }
}
