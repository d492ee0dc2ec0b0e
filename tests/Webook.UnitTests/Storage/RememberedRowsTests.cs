using Webook.Core.Interactions.Storage;
using Azure;
using Webook.Core.Storage.Tables;

namespace Webook.UnitTests.Storage;

public sealed class RememberedRowsTests
{
    private const string Article = "article-1";

    [Fact]
    public void An_article_nothing_is_known_of_is_read_first_and_what_is_read_may_be_trusted()
    {
        using var remembered = new RememberedRows<InteractionCountsEntity>(10);

        Assert.Null(remembered.Trusted(Article));
        Assert.True(remembered.Confirms(Article, Row("a")));
        Assert.True(remembered.Confirms(Article, null));
    }

    [Fact]
    public void A_trusted_row_is_written_against_and_an_untrusted_one_is_not()
    {
        using var remembered = new RememberedRows<InteractionCountsEntity>(10);
        var row = Row("a");

        remembered.Remember(Article, row, trusted: true);
        Assert.Same(row, remembered.Trusted(Article));
        remembered.Remember(Article, Row("b"), trusted: false);
        Assert.Null(remembered.Trusted(Article));
        Assert.Null(remembered.Trusted("article-2"));
    }

    [Fact]
    public void A_read_confirms_the_memory_only_when_it_finds_the_row_this_instance_wrote_last()
    {
        using var remembered = new RememberedRows<InteractionCountsEntity>(10);
        remembered.Remember(Article, Row("a"), trusted: false);

        Assert.True(remembered.Confirms(Article, Row("a")));
        Assert.False(remembered.Confirms(Article, Row("b")));
        Assert.False(remembered.Confirms(Article, null));
        remembered.Distrust(Article);
        Assert.Null(remembered.Trusted(Article));
        Assert.False(remembered.Confirms(Article, Row("a")));
        remembered.Forget(Article);
        Assert.True(remembered.Confirms(Article, Row("a")));
    }

    [Fact]
    public void A_row_without_an_etag_is_not_remembered()
    {
        using var remembered = new RememberedRows<InteractionCountsEntity>(10);
        remembered.Remember(Article, Row("a"), trusted: true);

        remembered.Remember(Article, new InteractionCountsEntity { PartitionKey = Article }, trusted: true);

        Assert.Null(remembered.Trusted(Article));
        Assert.True(remembered.Confirms(Article, Row("a")));
    }

    [Fact]
    public void It_holds_at_most_its_capacity_and_nothing_at_zero()
    {
        using var bounded = new RememberedRows<InteractionCountsEntity>(10);
        using var off = new RememberedRows<InteractionCountsEntity>(0);
        for (var i = 0; i < 100; i++)
        {
            bounded.Remember($"article-{i}", Row("a"), trusted: true);
            off.Remember($"article-{i}", Row("a"), trusted: true);
        }

        Assert.InRange(Enumerable.Range(0, 100).Count(i => bounded.Trusted($"article-{i}") is not null), 1, 10);
        Assert.All(Enumerable.Range(0, 100), i => Assert.Null(off.Trusted($"article-{i}")));
        Assert.True(off.Confirms(Article, Row("a")));
    }

    private static InteractionCountsEntity Row(string etag) =>
        new() { PartitionKey = Article, Version = 1, Likes = 1, ETag = new ETag(etag) };
}
