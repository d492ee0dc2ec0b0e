using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Feed.Storage;

/// <summary>An entry's row: RowKey <see cref="TableFeedStore.Key"/> in its box's partition.</summary>
public sealed class FeedEntryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long ArticleId { get; set; }
    public long AuthorId { get; set; }
    public long PublishedAt { get; set; }
}

/// <summary>
/// The feed lists in table <c>feed</c>, a partition per box (<see cref="FeedBox"/>), newest first by row key; the
/// pulled authors in partition <c>pulled</c>, a row each. A box's writes go in transactions of up to 100 rows.
/// </summary>
public sealed class TableFeedStore(WebookTables tables) : IFeedStore
{
    private const int Transaction = 100;
    private const string Pulled = "pulled";
    private const long MaxMs = 9_999_999_999_999;
    private const long MaxId = (1L << 53) - 1;

    /// <summary>Newest first: the publication time inverted, then the article id inverted (ties of one millisecond keep one order).</summary>
    public static string Key(long publishedAt, long articleId) =>
        $"{MaxMs - publishedAt:D13}-{MaxId - articleId:D16}";

    public async Task PutAsync(FeedBox box, IReadOnlyList<FeedEntry> entries, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        foreach (var chunk in entries.DistinctBy(e => Key(e.PublishedAt, e.ArticleId)).Chunk(Transaction))
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(box, e))), ct);
    }

    public async Task RemoveAsync(FeedBox box, IReadOnlyList<FeedEntry> entries, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        // One at a time: in a transaction, one missing row would fail the others.
        await Task.WhenAll(entries.Select(e => table.DeleteEntityAsync(box.Partition, Key(e.PublishedAt, e.ArticleId), ETag.All, ct)));
    }

    public async Task RemoveAuthorAsync(long reader, long author, CancellationToken ct)
    {
        var (table, box) = (await TableAsync(ct), FeedBox.Inbox(reader));
        var rows = new List<FeedEntryEntity>();
        await foreach (var row in table.QueryAsync<FeedEntryEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {box.Partition} and AuthorId eq {author}"),
                           select: [nameof(ITableEntity.PartitionKey), nameof(ITableEntity.RowKey)], cancellationToken: ct))
            rows.Add(row);
        foreach (var chunk in rows.Chunk(Transaction))
            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), ct);
    }

    public async IAsyncEnumerable<FeedEntry> ReadAsync(FeedBox box, long beforeMs, int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        var table = await TableAsync(ct);
        // Strictly older than beforeMs: from the key of its millisecond's last instant on.
        var from = $"{MaxMs - Math.Clamp(beforeMs, 0, MaxMs):D13}.";
        await foreach (var row in table.QueryAsync<FeedEntryEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {box.Partition} and RowKey gt {from}"),
                           maxPerPage: pageSize, cancellationToken: ct))
            yield return new FeedEntry(row.ArticleId, row.AuthorId, row.PublishedAt);
    }

    public async Task<IReadOnlySet<long>> PulledAuthorsAsync(CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var authors = new HashSet<long>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Pulled}"), select: [nameof(ITableEntity.RowKey)],
                           cancellationToken: ct))
            authors.Add(long.Parse(row.RowKey, CultureInfo.InvariantCulture));
        return authors;
    }

    public async Task<bool> IsPulledAsync(long author, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        return (await table.GetEntityIfExistsAsync<TableEntity>(Pulled, author.ToString(CultureInfo.InvariantCulture), [nameof(ITableEntity.RowKey)], ct)).HasValue;
    }

    public async Task MarkPulledAsync(long author, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        await table.UpsertEntityAsync(new TableEntity(Pulled, author.ToString(CultureInfo.InvariantCulture)), TableUpdateMode.Replace, ct);
    }

    private static FeedEntryEntity Row(FeedBox box, FeedEntry e) => new()
    {
        PartitionKey = box.Partition, RowKey = Key(e.PublishedAt, e.ArticleId), ArticleId = e.ArticleId, AuthorId = e.AuthorId, PublishedAt = e.PublishedAt,
    };

    private Task<TableClient> TableAsync(CancellationToken ct) => tables.GetAsync(WebookTables.Feed, ct);
}
