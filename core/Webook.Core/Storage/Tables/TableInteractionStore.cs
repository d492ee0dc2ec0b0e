using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Interactions;

namespace Webook.Core.Storage.Tables;

/// <summary>
/// Each change reads the article's counts row and submits the record (or read markers) together with the
/// new counts, ETag-conditional, as one entity-group transaction: both are written or neither. Writers of
/// one article in this process queue on a lock; a conflict with another instance re-reads and tries again.
/// A transaction refused because the record is already as asked (liked twice, taken back twice) changes nothing.
/// </summary>
public sealed class TableInteractionStore(
    WebookTables tables, KeyedLocks locks, TimeProvider time, IOptions<InteractionOptions> options) : IInteractionStore
{
    public Task<InteractionCounts?> SetLikeAsync(long articleId, long userId, bool like, CancellationToken ct) =>
        SetRecordAsync(articleId, InteractionRows.Like(userId), like, (counts, delta) => counts.Likes += delta, ct);

    public Task<InteractionCounts?> SetCollectAsync(long articleId, long userId, long collectionId, bool collect, CancellationToken ct) =>
        SetRecordAsync(articleId, InteractionRows.Collect(userId, collectionId), collect, (counts, delta) => counts.Collects += delta, ct);

    public async Task<InteractionCounts?> AddReadsAsync(long articleId, IReadOnlyCollection<EventPosition> reads, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Interactions, ct);
        var partition = InteractionRows.Partition(articleId);
        using var held = await locks.EnterAsync(partition, ct);
        for (var attempt = 1; ; attempt++)
        {
            var counts = await ReadCountsAsync(table, partition, ct);
            var markers = await ReadMarkersAsync(table, partition, ct);
            var newMarkers = new Dictionary<string, long>();
            long added = 0;
            foreach (var read in reads)
            {
                var row = InteractionRows.ReadMarker(read.Topic, read.Partition);
                if (read.Offset <= markers.GetValueOrDefault(row, -1)) continue;
                added++;
                newMarkers[row] = Math.Max(read.Offset, newMarkers.GetValueOrDefault(row, -1));
            }
            if (added == 0) return null;

            var next = Next(counts, partition, c => c.Reads += added);
            var actions = new List<TableTransactionAction> { CountsAction(counts, next) };
            actions.AddRange(newMarkers.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new ReadMarkerEntity { PartitionKey = partition, RowKey = m.Key, Offset = m.Value })));
            try
            {
                await table.SubmitTransactionAsync(actions, ct);
                return ToCounts(articleId, next);
            }
            catch (TableTransactionFailedException e) when (Conflict(e) && attempt < options.Value.WriteAttempts)
            {
                await BackOffAsync(ct);
            }
        }
    }

    public async Task<InteractionCounts> GetCountsAsync(long articleId, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Interactions, ct);
        var counts = await ReadCountsAsync(table, InteractionRows.Partition(articleId), ct);
        return counts is null ? InteractionCounts.None(articleId) : ToCounts(articleId, counts);
    }

    public async Task<UserInteraction> GetUserInteractionAsync(long articleId, long userId, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Interactions, ct);
        var partition = InteractionRows.Partition(articleId);
        var like = table.GetEntityIfExistsAsync<InteractionRecordEntity>(partition, InteractionRows.Like(userId), [nameof(ITableEntity.RowKey)], ct);
        var prefix = InteractionRows.CollectPrefix(userId);
        var collected = false;
        await foreach (var _ in table.QueryAsync<InteractionRecordEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {PrefixEnd(prefix)}"),
                           maxPerPage: 1, select: [nameof(ITableEntity.RowKey)], cancellationToken: ct))
        {
            collected = true;
            break;
        }
        return new UserInteraction((await like).HasValue, collected);
    }

    private async Task<InteractionCounts?> SetRecordAsync(long articleId, string recordRow, bool present,
        Action<InteractionCountsEntity, long> change, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Interactions, ct);
        var partition = InteractionRows.Partition(articleId);
        using var held = await locks.EnterAsync(partition, ct);
        for (var attempt = 1; ; attempt++)
        {
            var counts = await ReadCountsAsync(table, partition, ct);
            var next = Next(counts, partition, c => change(c, present ? 1 : -1));
            var recordAction = present
                ? new TableTransactionAction(TableTransactionActionType.Add,
                    new InteractionRecordEntity { PartitionKey = partition, RowKey = recordRow, CreatedAt = time.GetUtcNow() })
                : new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, recordRow), ETag.All);
            try
            {
                await table.SubmitTransactionAsync([recordAction, CountsAction(counts, next)], ct);
                return ToCounts(articleId, next);
            }
            catch (TableTransactionFailedException e) when (Conflict(e) || e.Status == StatusCodes.Status404NotFound)
            {
                // Either the record is already as asked (nothing to do) or the counts moved under us (try again).
                var exists = (await table.GetEntityIfExistsAsync<InteractionRecordEntity>(partition, recordRow, cancellationToken: ct)).HasValue;
                if (exists == present) return null;
                if (attempt >= options.Value.WriteAttempts) throw;
                await BackOffAsync(ct);
            }
        }
    }

    private static InteractionCountsEntity Next(InteractionCountsEntity? current, string partition, Action<InteractionCountsEntity> change)
    {
        var next = new InteractionCountsEntity
        {
            PartitionKey = partition,
            Version = (current?.Version ?? 0) + 1,
            Reads = current?.Reads ?? 0,
            Likes = current?.Likes ?? 0,
            Collects = current?.Collects ?? 0,
        };
        change(next);
        return next;
    }

    // Creating the row conflicts (409) with a concurrent creation; replacing it fails its ETag (412) after a concurrent change.
    private static TableTransactionAction CountsAction(InteractionCountsEntity? current, InteractionCountsEntity next) =>
        current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, next)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, current.ETag);

    private static bool Conflict(RequestFailedException e) =>
        e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed;

    private async Task BackOffAsync(CancellationToken ct) =>
        await Task.Delay(Random.Shared.NextDouble() * options.Value.ConflictBackoff, time, ct);

    private static async Task<InteractionCountsEntity?> ReadCountsAsync(TableClient table, string partition, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<InteractionCountsEntity>(partition, InteractionRows.Counts, cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    private static async Task<Dictionary<string, long>> ReadMarkersAsync(TableClient table, string partition, CancellationToken ct)
    {
        var markers = new Dictionary<string, long>();
        var prefix = InteractionRows.ReadMarkerPrefix;
        await foreach (var marker in table.QueryAsync<ReadMarkerEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {PrefixEnd(prefix)}"),
                           cancellationToken: ct))
            markers[marker.RowKey] = marker.Offset;
        return markers;
    }

    // The first key after every key starting with the prefix (which ends in '-').
    private static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static InteractionCounts ToCounts(long articleId, InteractionCountsEntity row) =>
        new(articleId, row.Version, row.Reads, row.Likes, row.Collects);
}
