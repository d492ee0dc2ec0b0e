using NSubstitute;
using Webook.Core.Feed;

namespace Webook.UnitTests.Feed;

/// <summary>The page rules of <see cref="FeedPages"/> over lists in memory and a substituted <see cref="IFeedArticles"/>.</summary>
public sealed class FeedPagesTests
{
    private readonly IFeedArticles _articles = Substitute.For<IFeedArticles>();
    private readonly Dictionary<long, FeedArticle> _published = [];

    public FeedPagesTests() =>
        _articles.PublishedAsync(Arg.Any<IReadOnlyCollection<long>>(), Arg.Any<CancellationToken>())
            .Returns(call => call.Arg<IReadOnlyCollection<long>>().Where(_published.ContainsKey).Select(id => _published[id]).ToList());

    [Fact]
    public async Task Lists_merge_newest_first_an_entry_in_two_lists_shows_once_and_what_is_not_published_so_is_left_out()
    {
        var inbox = new[] { Entry(1, 100), Entry(2, 90), Entry(3, 80), Entry(4, 70) };
        var pulled = new[] { Entry(5, 95), Entry(2, 90), Entry(6, 75) };
        foreach (var e in inbox.Concat(pulled)) Publish(e);
        _published[3] = _published[3] with { PublishedAt = 10 }; // withdrawn and published again: another publication
        _published.Remove(4); // withdrawn

        var page = await new FeedPages(_articles).PageAsync([Async(inbox), Async(pulled)], 10, _ => true, default);

        Assert.Equal([1L, 5, 2, 6], page.Select(a => a.Id));
    }

    [Fact]
    public async Task A_page_holds_the_limit_and_then_the_rest_of_its_last_millisecond_and_a_filter_leaves_entries_out()
    {
        var list = new[] { Entry(1, 100), Entry(9, 90), Entry(8, 90), Entry(7, 90), Entry(2, 80) };
        foreach (var e in list) Publish(e);

        var page = await new FeedPages(_articles).PageAsync([Async(list)], 2, _ => true, default);
        Assert.Equal([1L, 9, 8, 7], page.Select(a => a.Id));

        var filtered = await new FeedPages(_articles).PageAsync([Async(list)], 2, e => e.ArticleId != 9, default);
        Assert.Equal([1L, 8, 7], filtered.Select(a => a.Id));
    }

    private static FeedEntry Entry(long id, long at) => new(id, 1000 + id % 2, at);

    private void Publish(FeedEntry e) => _published[e.ArticleId] = new FeedArticle(e.ArticleId, e.AuthorId, $"t{e.ArticleId}", "", e.PublishedAt);

    private static async IAsyncEnumerable<FeedEntry> Async(IEnumerable<FeedEntry> entries)
    {
        foreach (var e in entries)
        {
            await Task.Yield();
            yield return e;
        }
    }
}
