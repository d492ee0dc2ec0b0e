using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Webook.Core.Ranking;

namespace Webook.Core.Articles.Storage;

/// <summary>The hot list's scan: a query of the published table on status and update time, reading no content.</summary>
public sealed class TableRecentlyPublished(ArticleRows rows) : IRecentlyPublished
{
    public async IAsyncEnumerable<IReadOnlyList<PublishedSummary>> SinceAsync(DateTimeOffset since, int pageSize,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var published = await rows.PublishedAsync(ct);
        var pages = published.QueryAsync<PublishedArticleEntity>(
            TableClient.CreateQueryFilter($"Status eq {(int)ArticleStatus.Published} and UpdatedAt ge {since}"), pageSize,
            [nameof(ITableEntity.PartitionKey), nameof(ArticleRow.Title), nameof(ArticleRow.Abstract), nameof(PublishedArticleEntity.AuthorId), nameof(ArticleRow.UpdatedAt)],
            ct).AsPages();
        await foreach (var page in pages)
            yield return page.Values
                .Select(row => new PublishedSummary(long.Parse(row.PartitionKey, CultureInfo.InvariantCulture), row.AuthorId, row.Title, row.Abstract, row.UpdatedAt))
                .ToList();
    }
}
