using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Collections.Storage;

/// <summary>
/// Each user's lists in their own partition (<see cref="CollectionRows"/>): a list entry is two rows (by article, by
/// time) written together; a collection's entries move its count row in the same transaction, conditional on the row
/// read, so the count equals the entries under any interleaving. Writers of one user in this process take turns on a
/// lock; a lost condition across instances reads again.
/// </summary>
public sealed class TableCollectionStore(WebookTables tables, KeyedLocks locks, IdGenerator ids, TimeProvider time, IOptions<CollectionOptions> options)
    : ICollectionStore
{
    public const string DefaultName = "Default";
    // Entries removed per transaction: two rows each and the count row, within the 100 a transaction holds.
    public const int RemoveBatch = 49;

    public async Task<bool> IsCollectionOfAsync(long userId, long collectionId, CancellationToken ct) =>
        collectionId == 0 || await ReadCollectionAsync(await TableAsync(ct), CollectionRows.Partition(userId), collectionId, ct) is { Deleting: false };

    public async Task SetLikedAsync(long userId, long articleId, bool liked, bool recordChanged, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), CollectionRows.Partition(userId));
        if (liked && recordChanged && await AddedAsync(table, partition, articleId, ct)) return;
        await RetryAsync(async () =>
        {
            var entry = await ReadAsync<ListEntryEntity>(table, partition, CollectionRows.Liked(partition, articleId), ct);
            if (liked == (entry is not null)) return true;
            var at = time.GetUtcNow().ToUnixTimeMilliseconds();
            await table.SubmitTransactionAsync(liked
                ? AddEntry(partition, CollectionRows.Liked(partition, articleId), CollectionRows.LikedTime(at, articleId), articleId, at)
                : RemoveEntry(entry!), ct);
            return true;
        }, ct);
    }

    // The like's two rows without a read first: false when its entry was already there (the write changed nothing).
    private async Task<bool> AddedAsync(TableClient table, string partition, long articleId, CancellationToken ct)
    {
        var at = time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            await table.SubmitTransactionAsync(AddEntry(partition, CollectionRows.Liked(partition, articleId), CollectionRows.LikedTime(at, articleId), articleId, at), ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            return false;
        }
    }

    public async Task SetCollectedAsync(long userId, long articleId, long collectionId, bool collected, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), CollectionRows.Partition(userId));
        using var turn = await locks.EnterAsync(partition, ct);
        await RetryAsync(async () =>
        {
            var reading = ReadAsync<ListEntryEntity>(table, partition, CollectionRows.Entry(partition, collectionId, articleId), ct);
            var counting = ReadCollectionAsync(table, partition, collectionId, ct);
            var (entry, collection) = (await reading, await counting);
            if (collected == (entry is not null)) return true;
            // Deleted since the caller checked it: the deletion takes what it finds, so nothing is added here.
            if (collection is { Deleting: true } || (collection is null && collectionId != 0)) return true;
            var at = time.GetUtcNow().ToUnixTimeMilliseconds();
            List<TableTransactionAction> actions = collected
                ? AddEntry(partition, CollectionRows.Entry(partition, collectionId, articleId), CollectionRows.EntryTime(collectionId, at, articleId), articleId, at)
                : RemoveEntry(entry!);
            actions.Add(CountAction(partition, collectionId, collection, collected ? 1 : -1));
            await table.SubmitTransactionAsync(actions, ct);
            return true;
        }, ct);
    }

    public async Task<IReadOnlyList<ListEntry>> LikedAsync(long userId, int offset, int limit, CancellationToken ct) =>
        await PageAsync(CollectionRows.Partition(userId), CollectionRows.LikedTimePrefix, offset, limit, ct);

    public async Task<IReadOnlyList<ListEntry>> CollectedAsync(long userId, long collectionId, int offset, int limit, CancellationToken ct) =>
        await PageAsync(CollectionRows.Partition(userId), CollectionRows.EntryTimePrefix(collectionId), offset, limit, ct);

    public async Task<IReadOnlyList<Collection>> ListAsync(long userId, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), CollectionRows.Partition(userId));
        var prefix = CollectionRows.CollectionPrefix(partition);
        var found = new List<Collection>();
        await foreach (var row in table.QueryAsync<CollectionEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {CollectionRows.End(prefix)}"),
                           cancellationToken: ct))
            found.Add(new Collection(row.CollectionId, row.Name, row.Description, row.Count, row.CreatedAt, row.Deleting, row.Timestamp ?? DateTimeOffset.MinValue));
        return found;
    }

    public async Task<long> CreateAsync(long userId, string name, string description, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), CollectionRows.Partition(userId));
        while (true)
        {
            var id = ids.Next();
            try
            {
                await table.AddEntityAsync(new CollectionEntity
                {
                    PartitionKey = partition, RowKey = CollectionRows.Collection(partition, id), CollectionId = id, Name = name, Description = description,
                    CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
                }, ct);
                return id;
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
            {
                // The same id drawn twice by this user within a millisecond: draw again.
            }
        }
    }

    public async Task<bool> RenameAsync(long userId, long collectionId, string name, string description, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), CollectionRows.Partition(userId));
        using var turn = await locks.EnterAsync(partition, ct);
        return await RetryAsync(async () =>
        {
            var collection = await ReadCollectionAsync(table, partition, collectionId, ct);
            if (collection is { Deleting: true } || (collection is null && collectionId != 0)) return false;
            if (collection is null)
                await table.AddEntityAsync(NewDefault(partition, name, description, 0), ct);
            else
                await table.UpdateEntityAsync(new TableEntity(partition, collection.RowKey)
                {
                    [nameof(CollectionEntity.Name)] = name, [nameof(CollectionEntity.Description)] = description,
                }, collection.ETag, TableUpdateMode.Merge, ct);
            return true;
        }, ct);
    }

    public async Task<bool> MoveAsync(long userId, long articleId, long from, long to, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), CollectionRows.Partition(userId));
        using var turn = await locks.EnterAsync(partition, ct);
        return await RetryAsync(async () =>
        {
            var leaving = ReadAsync<ListEntryEntity>(table, partition, CollectionRows.Entry(partition, from, articleId), ct);
            var arriving = ReadAsync<ListEntryEntity>(table, partition, CollectionRows.Entry(partition, to, articleId), ct);
            var source = ReadCollectionAsync(table, partition, from, ct);
            var target = ReadCollectionAsync(table, partition, to, ct);
            var (left, there, fromRow, toRow) = (await leaving, await arriving, await source, await target);
            if (left is null || toRow is { Deleting: true } || (toRow is null && to != 0)) return false;
            var actions = RemoveEntry(left);
            actions.Add(CountAction(partition, from, fromRow, -1));
            if (there is null)
            {
                var at = time.GetUtcNow().ToUnixTimeMilliseconds();
                actions.AddRange(AddEntry(partition, CollectionRows.Entry(partition, to, articleId), CollectionRows.EntryTime(to, at, articleId), articleId, at));
                actions.Add(CountAction(partition, to, toRow, 1));
            }
            await table.SubmitTransactionAsync(actions, ct);
            return true;
        }, ct);
    }

    public async Task<bool> BeginDeletingAsync(long userId, long collectionId, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), CollectionRows.Partition(userId));
        return await RetryAsync(async () =>
        {
            if (await ReadCollectionAsync(table, partition, collectionId, ct) is not { } collection) return false;
            if (!collection.Deleting)
                await table.UpdateEntityAsync(new TableEntity(partition, collection.RowKey) { [nameof(CollectionEntity.Deleting)] = true },
                    collection.ETag, TableUpdateMode.Merge, ct);
            return true;
        }, ct);
    }

    public async Task<IReadOnlyList<long>> ArticlesInAsync(long userId, long collectionId, int limit, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), CollectionRows.Partition(userId));
        var prefix = CollectionRows.EntryPrefix(partition, collectionId);
        var found = new List<long>(limit);
        await foreach (var row in table.QueryAsync<ListEntryEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {CollectionRows.End(prefix)}"),
                           maxPerPage: limit, select: [nameof(ListEntryEntity.ArticleId)], cancellationToken: ct))
        {
            found.Add(row.ArticleId);
            if (found.Count == limit) break;
        }
        return found;
    }

    public async Task RemoveAsync(long userId, long collectionId, IReadOnlyList<long> articleIds, CancellationToken ct)
    {
        if (articleIds.Count is 0 or > RemoveBatch) throw new ArgumentOutOfRangeException(nameof(articleIds), articleIds.Count, $"1 to {RemoveBatch} at a time.");
        var (table, partition) = (await TableAsync(ct), CollectionRows.Partition(userId));
        using var turn = await locks.EnterAsync(partition, ct);
        await RetryAsync(async () =>
        {
            var entries = await Task.WhenAll(articleIds.Select(id => ReadAsync<ListEntryEntity>(table, partition, CollectionRows.Entry(partition, collectionId, id), ct)));
            var collection = await ReadCollectionAsync(table, partition, collectionId, ct);
            var present = entries.OfType<ListEntryEntity>().ToList();
            if (present.Count == 0 || collection is null) return true;
            List<TableTransactionAction> actions = [.. present.SelectMany(RemoveEntry), CountAction(partition, collectionId, collection, -present.Count)];
            await table.SubmitTransactionAsync(actions, ct);
            return true;
        }, ct);
    }

    public async Task<bool> DeleteEmptyAsync(long userId, long collectionId, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), CollectionRows.Partition(userId));
        using var turn = await locks.EnterAsync(partition, ct);
        if (await ReadCollectionAsync(table, partition, collectionId, ct) is not { } collection) return true;
        if (collection.Count != 0) return false;
        try
        {
            // Conditional on the row as read: an entry added since moved its count.
            await table.DeleteEntityAsync(partition, collection.RowKey, collection.ETag, ct);
            return true;
        }
        catch (RequestFailedException e) when (TableRetry.LostRace(e) || e.Status == StatusCodes.Status404NotFound)
        {
            return e.Status == StatusCodes.Status404NotFound;
        }
    }

    public async Task<bool> HoldsAsync(long userId, long collectionId, long articleId, CancellationToken ct)
    {
        var partition = CollectionRows.Partition(userId);
        return await ReadAsync<ListEntryEntity>(await TableAsync(ct), partition, CollectionRows.Entry(partition, collectionId, articleId), ct) is not null;
    }

    private Task<TableClient> TableAsync(CancellationToken ct) => tables.GetAsync(WebookTables.Collections, ct);

    private Task<T> RetryAsync<T>(Func<Task<T>> attempt, CancellationToken ct) =>
        TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, attempt,
            () => Task.Delay(Random.Shared.Next((int)options.Value.ConflictBackoff.TotalMilliseconds + 1), ct),
            // 404: a row read a moment ago was deleted by another writer.
            e => TableRetry.LostRace(e) || e.Status == StatusCodes.Status404NotFound);

    private async Task<IReadOnlyList<ListEntry>> PageAsync(string partition, string timePrefix, int offset, int limit, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var page = new List<ListEntry>(limit);
        var skipped = 0;
        await foreach (var row in table.QueryAsync<ListEntryEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {timePrefix} and RowKey lt {CollectionRows.End(timePrefix)}"),
                           maxPerPage: Math.Min(1000, offset + limit), select: [nameof(ListEntryEntity.ArticleId), nameof(ListEntryEntity.At)], cancellationToken: ct))
        {
            if (skipped++ < offset) continue;
            page.Add(new ListEntry(row.ArticleId, row.At));
            if (page.Count == limit) break;
        }
        return page;
    }

    private static List<TableTransactionAction> AddEntry(string partition, string row, string timeRow, long articleId, long at) =>
    [
        new(TableTransactionActionType.Add, new ListEntryEntity { PartitionKey = partition, RowKey = row, ArticleId = articleId, At = at, TimeRow = timeRow }),
        new(TableTransactionActionType.Add, new ListEntryEntity { PartitionKey = partition, RowKey = timeRow, ArticleId = articleId, At = at }),
    ];

    private static List<TableTransactionAction> RemoveEntry(ListEntryEntity entry) =>
    [
        new(TableTransactionActionType.Delete, entry, entry.ETag),
        new(TableTransactionActionType.Delete, new TableEntity(entry.PartitionKey, entry.TimeRow), ETag.All),
    ];

    // The default collection's row is made by its first use; any other exists (the caller checked).
    private TableTransactionAction CountAction(string partition, long collectionId, CollectionEntity? current, long delta)
    {
        if (current is null) return new TableTransactionAction(TableTransactionActionType.Add, NewDefault(partition, DefaultName, "", delta));
        return new TableTransactionAction(TableTransactionActionType.UpdateMerge,
            new TableEntity(partition, current.RowKey) { [nameof(CollectionEntity.Count)] = current.Count + delta }, current.ETag);
    }

    private CollectionEntity NewDefault(string partition, string name, string description, long count) => new()
    {
        PartitionKey = partition, RowKey = CollectionRows.Collection(partition, 0), CollectionId = 0, Name = name, Description = description,
        Count = count, CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
    };

    private static Task<CollectionEntity?> ReadCollectionAsync(TableClient table, string partition, long collectionId, CancellationToken ct) =>
        ReadAsync<CollectionEntity>(table, partition, CollectionRows.Collection(partition, collectionId), ct);

    private static async Task<T?> ReadAsync<T>(TableClient table, string partition, string row, CancellationToken ct) where T : class, ITableEntity
    {
        var found = await table.GetEntityIfExistsAsync<T>(partition, row, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }
}
