using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Http;
using Webook.Core.Interactions;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Interactions.Storage;

/// <summary>
/// Each change submits the record (or read markers) together with the new counts, ETag-conditional, as one
/// entity-group transaction: both are written or neither. The counts row it is conditional on is the one this
/// instance last wrote (<see cref="RememberedRows{TRow}"/>), or else read first. Likes and collects of one article
/// that arrive while its transaction is in flight wait and are written together in the next one
/// (<see cref="RecordChangeQueues"/>); one article's writers in this process take turns on a lock; a conflict with
/// another instance (412) re-reads and tries again. A record already as asked (liked twice, taken back twice)
/// changes nothing. The transaction also holds one outbox row with an <see cref="InteractionEvent"/> per change
/// (<see cref="TableOutbox"/>), relayed once the batch has its answer.
/// </summary>
public sealed class TableInteractionStore(
    WebookTables tables, KeyedLocks locks, TableOutbox outbox, TimeProvider time, IOptions<InteractionOptions> options) : IInteractionStore, IDisposable, IAsyncDisposable
{
    // The relays under way, awaited when the store is disposed: before the producer they use (created before the store, so disposed after it).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, bool> _relays = new();
    private readonly RememberedRows<InteractionCountsEntity> _remembered = new(options.Value.RememberedCounts);
    private readonly RecordChangeQueues _queues = new();

    public Task<InteractionCounts?> SetLikeAsync(long articleId, long articleAuthor, long userId, bool like, CancellationToken ct) =>
        SetRecordAsync(new RecordChange(InteractionRows.Partition(articleId), InteractionRows.Like(userId), like, (counts, delta) => counts.Likes += delta,
            new InteractionEvent("", like ? InteractionEvent.Liked : InteractionEvent.Unliked, articleId, articleAuthor, userId, 0, 0)), ct);

    public Task<InteractionCounts?> SetCollectAsync(long articleId, long articleAuthor, long userId, long collectionId, bool collect, CancellationToken ct) =>
        SetRecordAsync(new RecordChange(InteractionRows.Partition(articleId), InteractionRows.Collect(userId, collectionId), collect,
            (counts, delta) => counts.Collects += delta,
            new InteractionEvent("", collect ? InteractionEvent.Collected : InteractionEvent.Uncollected, articleId, articleAuthor, userId, 0, 0)), ct);

    public async Task<InteractionCounts?> AddReadsAsync(long articleId, IReadOnlyCollection<EventPosition> reads, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Interactions, ct);
        var partition = InteractionRows.Partition(articleId);
        using var held = await locks.EnterAsync(partition, ct);
        var counts = _remembered.For(table, partition, ct => ReadCountsAsync(table, partition, ct));
        return await TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, async () =>
        {
            var current = await counts.CurrentAsync(ct);
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

            var next = Next(current, partition, c => c.Reads += added);
            var actions = new List<TableTransactionAction> { CountsAction(current, next) };
            actions.AddRange(newMarkers.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new ReadMarkerEntity { PartitionKey = partition, RowKey = m.Key, Offset = m.Value })));
            counts.Written(next, await counts.SubmitAsync(actions, ct), rowAction: 0);
            return (InteractionCounts?)ToCounts(articleId, next);
        }, () => BackOffAsync(ct), e => e is TableTransactionFailedException && TableRetry.LostRace(e), counts.Moved);
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

    private async Task<InteractionCounts?> SetRecordAsync(RecordChange change, CancellationToken ct)
    {
        var articleId = change.Event.ArticleId;
        var table = await tables.GetAsync(WebookTables.Interactions, ct);
        if (_queues.Enqueue(change)) _ = DrainAsync(table, change.Partition);
        InteractionCountsEntity? written;
        try
        {
            written = await change.Done.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Not taken yet: never written.
            if (_queues.Withdraw(change)) throw;
            // Taken: its transaction is on its way (the storage client's own timeout bounds it). The request has had
            // its answer at its deadline (HandlerGuard); waiting on here lets the caller still tell the caches what
            // landed, or a like that landed late would leave them showing it not done until they expire.
            written = await change.Done;
        }
        return written is null ? null : ToCounts(articleId, written);
    }

    /// <summary>
    /// Writes the article's waiting changes batch by batch until none waits. It runs apart from the request that
    /// started it, which may give up first; every change learns its outcome from its batch.
    /// </summary>
    private async Task DrainAsync(TableClient table, string partition)
    {
        for (var batch = _queues.TakeBatch(partition, options.Value.BatchSize); batch.Count > 0; batch = _queues.TakeBatch(partition, options.Value.BatchSize))
        {
            OutboxEntity? events;
            try
            {
                using var held = await locks.EnterAsync(partition, CancellationToken.None);
                events = await WriteBatchAsync(table, partition, batch);
            }
            catch (Exception e)
            {
                foreach (var change in batch) change.Fail(e);
                continue;
            }
            // Out of the lock and without holding up the next batch: a slow broker delays only the events (the sweep
            // sends them if this fails), never the article's writers. RelayQuietlyAsync throws nothing.
            if (events is not null) Track(outbox.RelayQuietlyAsync(table, events, CancellationToken.None));
        }
    }

    /// <summary>
    /// One transaction: every record of the batch and the counts row moved by all of them. A record already as asked
    /// (liked twice, taken back twice) refuses the whole transaction, which wrote nothing: that change answers
    /// "nothing changed" and the rest go again against the same counts row. Answers the outbox row written, if any.
    /// </summary>
    private async Task<OutboxEntity?> WriteBatchAsync(TableClient table, string partition, List<RecordChange> batch)
    {
        var counts = _remembered.For(table, partition, ct => ReadCountsAsync(table, partition, ct));
        var pending = batch;
        OutboxEntity? written = null;
        // A remembered row that another instance replaced costs no attempt and no pause (counts.Moved): read it and go on.
        await TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, async () =>
        {
            var current = await counts.CurrentAsync(CancellationToken.None);
            while (pending.Count > 0)
            {
                var next = Next(current, partition, c => pending.ForEach(change => change.Apply(c)));
                var events = Stage(partition, pending, next.Version);
                try
                {
                    var actions = pending.Select(RecordAction).Append(CountsAction(current, next))
                        .Append(new TableTransactionAction(TableTransactionActionType.Add, events));
                    counts.Written(next, await counts.SubmitAsync(actions, CancellationToken.None), rowAction: pending.Count);
                    written = events;
                    pending.ForEach(change => change.Succeed(next));
                    pending = [];
                }
                catch (TableTransactionFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status404NotFound)
                {
                    // 412 can only be the counts row's condition: it moved under us. Otherwise a record is already as
                    // asked, or the counts row was created or removed meanwhile (read it and try again).
                    var refused = await AlreadyAsAskedAsync(table, pending, e.FailedTransactionActionIndex);
                    if (refused.Count == 0) throw;
                    refused.ForEach(change => change.Succeed(null));
                    pending = pending.Except(refused).ToList();
                }
            }
            return true;
        }, () => BackOffAsync(CancellationToken.None), e => e is TableTransactionFailedException && (TableRetry.LostRace(e) || e.Status == StatusCodes.Status404NotFound), counts.Moved);
        return written;
    }

    /// <summary>The outbox row of one transaction: an event per change, each with the counts version the transaction writes.</summary>
    private OutboxEntity Stage(string partition, List<RecordChange> changes, long version)
    {
        var at = time.GetUtcNow().ToUnixTimeMilliseconds();
        return TableOutbox.Stage(partition, changes.Select(change => new OutboxEvent(options.Value.EventTopic,
            change.Event.ArticleId.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(change.Event with { Id = Guid.NewGuid().ToString("N"), Version = version, At = at }, WebookJson.Options))));
    }

    private TableTransactionAction RecordAction(RecordChange change) =>
        change.Present
            ? new TableTransactionAction(TableTransactionActionType.Add,
                new InteractionRecordEntity { PartitionKey = change.Partition, RowKey = change.RecordRow, CreatedAt = time.GetUtcNow() })
            : new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(change.Partition, change.RecordRow), ETag.All);

    /// <summary>
    /// The changes of a refused transaction whose record is already as asked: the one the service names by its index,
    /// or, when it names none, each record read.
    /// </summary>
    private static async Task<List<RecordChange>> AlreadyAsAskedAsync(TableClient table, List<RecordChange> pending, int? failedIndex)
    {
        if (failedIndex is { } index) return index < pending.Count ? [pending[index]] : [];
        var refused = new List<RecordChange>();
        foreach (var change in pending)
            if ((await table.GetEntityIfExistsAsync<InteractionRecordEntity>(change.Partition, change.RecordRow, [nameof(ITableEntity.RowKey)])).HasValue == change.Present)
                refused.Add(change);
        return refused;
    }

    private void Track(Task relay)
    {
        _relays[relay] = true;
        relay.ContinueWith(done => _relays.TryRemove(done, out _), TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_relays.Keys);
        _remembered.Dispose();
    }

    public void Dispose()
    {
        Task.WhenAll(_relays.Keys).GetAwaiter().GetResult();
        _remembered.Dispose();
    }

    private static InteractionCountsEntity Next(InteractionCountsEntity? current, string partition, Action<InteractionCountsEntity> change)
    {
        var next = new InteractionCountsEntity
        {
            PartitionKey = partition,
            RowKey = InteractionRows.Counts(partition),
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

    private async Task BackOffAsync(CancellationToken ct) =>
        await Task.Delay(Random.Shared.NextDouble() * options.Value.ConflictBackoff, time, ct);

    private static async Task<InteractionCountsEntity?> ReadCountsAsync(TableClient table, string partition, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<InteractionCountsEntity>(partition, InteractionRows.Counts(partition), cancellationToken: ct);
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
