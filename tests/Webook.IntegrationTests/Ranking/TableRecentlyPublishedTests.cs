using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Webook.Core.Articles;
using Webook.Core.Articles.Storage;
using Webook.Core.Collections;
using Webook.Core.Storage;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Ranking;

/// <summary>The hot list's scan of the published table: it filters on the hour, and the exact bound is its own.</summary>
public sealed class TableRecentlyPublishedTests
{
    private readonly WebookTables _tables;

    public TableRecentlyPublishedTests()
    {
        var options = new StorageOptions { ConnectionString = TestEnvironment.StorageConnectionString, TablePrefix = TestEnvironment.UniqueName("recent") };
        _tables = new WebookTables(new TableServiceClient(options.ConnectionString), Options.Create(options));
    }

    [Fact]
    public async Task The_scan_lists_the_published_rows_updated_at_or_after_the_bound_even_within_its_hour_and_no_others()
    {
        var since = new DateTimeOffset(2026, 12, 7, 10, 30, 0, TimeSpan.Zero);
        var published = await _tables.GetAsync(WebookTables.Published, default);
        var rows = new (long Id, DateTimeOffset UpdatedAt, bool Published)[]
        {
            (1, since, true), (2, since.AddMinutes(29), true), (3, since.AddDays(2), true),
            (4, since.AddTicks(-1), true), (5, since.AddMinutes(-30), true), (6, since.AddDays(-1), true), (7, since.AddMinutes(5), false),
        };
        foreach (var (id, updatedAt, isPublished) in rows)
        {
            var row = ArticleRows.ToPublishedRow(new Article { Id = id, AuthorId = 100 + id, Title = "t", UpdatedAt = updatedAt, CreatedAt = updatedAt }, "k");
            if (!isPublished) row.Status = (int)ArticleStatus.Private;
            await published.AddEntityAsync(row);
        }

        var found = new List<long>();
        await foreach (var page in new TableRecentlyPublished(new ArticleRows(_tables), Options.Create(new CollectionOptions()), Options.Create(new Webook.Core.Feed.FeedOptions())).SinceAsync(since, pageSize: 2, default))
        {
            Assert.True(page.Count <= 2);
            found.AddRange(page.Select(stamp => stamp.Id));
            Assert.All(page, stamp => Assert.Equal(100 + stamp.Id, stamp.AuthorId));
        }

        Assert.Equal([1, 2, 3], found.Order());
    }
}
