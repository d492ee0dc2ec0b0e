using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Webook.Core.Collections;
using Webook.Core.Feed;
using Webook.Core.Notifications;
using Webook.Core.Ranking;

namespace Webook.Core.Articles.Storage;

/// <summary>
/// The hot list's and the reader lists' reads of the published table: a query on status and update time, and point
/// reads, no content.
/// </summary>
public sealed class TableRecentlyPublished(ArticleRows rows, IOptions<CollectionOptions> lists, IOptions<FeedOptions> feed) : IRecentlyPublished, IListedArticles, INotifiedArticles, IFeedArticles
{
    private static readonly string[] StampColumns = [nameof(ITableEntity.PartitionKey), nameof(PublishedArticleEntity.AuthorId), nameof(ArticleRow.UpdatedAt)];
    private static readonly string[] SummaryColumns =
        [.. StampColumns, nameof(ArticleRow.Title), nameof(ArticleRow.Abstract), nameof(ArticleRow.Status), nameof(PublishedArticleEntity.PublishedAt)];

    public async IAsyncEnumerable<IReadOnlyList<PublishedStamp>> SinceAsync(DateTimeOffset since, int pageSize,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var published = await rows.PublishedAsync(ct);
        var pages = published.QueryAsync<PublishedArticleEntity>(
            TableClient.CreateQueryFilter($"Status eq {(int)ArticleStatus.Published} and UpdatedHour ge {PublishedArticleEntity.HourOf(since)}"),
            pageSize, StampColumns, ct).AsPages();
        // The hour takes in up to an hour before the window; the exact bound is applied here.
        await foreach (var page in pages)
            yield return page.Values.Where(row => row.UpdatedAt >= since).Select(row => new PublishedStamp(Id(row), row.AuthorId, row.UpdatedAt)).ToList();
    }

    public async Task<IReadOnlyList<PublishedSummary>> FindAsync(IReadOnlyCollection<long> ids, int concurrency, CancellationToken ct) =>
        (await ReadAsync(ids, concurrency, ct)).Select(row => new PublishedSummary(Id(row), row.AuthorId, row.Title, row.Abstract, row.UpdatedAt)).ToList();

    /// <summary>The rows of those articles published now, read side by side.</summary>
    private async Task<IReadOnlyList<PublishedArticleEntity>> ReadAsync(IReadOnlyCollection<long> ids, int concurrency, CancellationToken ct)
    {
        var found = new ConcurrentBag<PublishedArticleEntity>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (id, token) =>
        {
            if (await rows.ReadPublishedAsync(id, token, SummaryColumns) is { Status: (int)ArticleStatus.Published } row) found.Add(row);
        });
        return [.. found];
    }

    public async Task<IReadOnlyList<ListedArticle>> PublishedAsync(IReadOnlyCollection<long> ids, CancellationToken ct) =>
        (await FindAsync(ids, lists.Value.ReadConcurrency, ct))
        .Select(a => new ListedArticle(a.Id, a.AuthorId, a.Title, a.Abstract, a.UpdatedAt.ToUnixTimeMilliseconds())).ToList();

    public async Task<IReadOnlyDictionary<long, string>> TitlesAsync(IReadOnlyCollection<long> ids, CancellationToken ct) =>
        ids.Count == 0 ? new Dictionary<long, string>() : (await FindAsync(ids, lists.Value.ReadConcurrency, ct)).ToDictionary(a => a.Id, a => a.Title);

    async Task<IReadOnlyList<FeedArticle>> IFeedArticles.PublishedAsync(IReadOnlyCollection<long> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : (await ReadAsync(ids, feed.Value.ReadConcurrency, ct))
        .Select(row => new FeedArticle(Id(row), row.AuthorId, row.Title, row.Abstract, row.PublishedAtOrUpdated)).ToList();

    private static long Id(PublishedArticleEntity row) => long.Parse(row.PartitionKey, CultureInfo.InvariantCulture);
}
