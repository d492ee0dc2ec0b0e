using Azure;
using Azure.Data.Tables;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Http;
using Webook.Core.Storage.Kafka;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Follows.Storage;

/// <summary>
/// A change is two entity-group transactions, one per partition, each ETag-conditional on its partition's count row.
/// The first, on the follower's side, writes the edge, the count and an intent; the second makes the followee's side
/// agree with the follower's (whatever the follower's side says by then), and the intent is deleted if no later
/// change replaced it. The second side is read after its count row, and its write is conditional on that row, so a
/// writer that read the follower's side earlier than another finds the count row moved and reads again: the last
/// to finish always leaves both sides agreeing. A crash between the two leaves the intent for
/// <see cref="RepairAsync"/>. Writers of one partition in this process take turns on a lock; conflicts with other
/// instances (412, 409) read again and retry. A count row this instance wrote last is not read again
/// (<see cref="RememberedRows{TRow}"/>): its ETag is as old as a read's would be, so the condition still holds.
/// </summary>
public sealed class TableFollowStore(WebookTables tables, KeyedLocks locks, TimeProvider time, IOptions<FollowOptions> options, IEventProducer events,
    ILogger<TableFollowStore> logger) : IFollowStore, IDisposable
{
    private const int CheckBatch = 100;

    // Each side's count row as this instance last wrote it: a change of a user this instance wrote last skips that read.
    private readonly RememberedRows<FollowCountEntity> _remembered = new(options.Value.RememberedCounts);

    public void Dispose() => _remembered.Dispose();

    public async Task<bool> SetFollowAsync(long follower, long followee, bool follow, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Follows, ct);
        if (await WriteFollowerSideAsync(table, follower, followee, follow, ct) is not { } first) return false;
        if (options.Value.CrashBetweenWritesForTests)
            Environment.FailFast("Follows:CrashBetweenWritesForTests is set: ending between a follow's two writes.");
        await WriteFolloweeSideAsync(table, follower, followee, ct);
        // The intent row is the event's outbox until the brokers have it; the change is made whether or not they take it.
        await RelayQuietlyAsync(table, first.Intent, ct);
        return first.Changed;
    }

    public async Task<bool> IsFollowingAsync(long follower, long followee, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Follows, ct);
        return await ReadEdgeAsync(table, FollowRows.Followees(follower), followee, ct) is not null;
    }

    public async Task<FollowCounts> GetCountsAsync(long userId, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Follows, ct);
        var followees = ReadCountAsync(table, FollowRows.Followees(userId), ct);
        var followers = ReadCountAsync(table, FollowRows.Followers(userId), ct);
        return new FollowCounts((await followees)?.Count ?? 0, (await followers)?.Count ?? 0);
    }

    public async Task<IReadOnlyList<FollowEdge>> ListFolloweesAsync(long follower, int offset, int limit, CancellationToken ct) =>
        await ListAsync(FollowRows.Followees(follower), offset, limit, ct);

    public async Task<IReadOnlyList<FollowEdge>> ListFollowersAsync(long followee, int offset, int limit, CancellationToken ct) =>
        await ListAsync(FollowRows.Followers(followee), offset, limit, ct);

    public async Task<IReadOnlyList<FollowEdge>> ListFriendsAsync(long userId, int offset, int limit, CancellationToken ct)
    {
        // Whom the user follows, newest first, each checked against who follows them, a hundred point reads at a time.
        var table = await tables.GetAsync(WebookTables.Follows, ct);
        var followers = FollowRows.Followers(userId);
        var friends = new List<FollowEdge>(limit);
        var skipped = 0;
        var batch = new List<FollowEdgeEntity>(CheckBatch);
        await foreach (var row in TimeRows(table, FollowRows.Followees(userId), CheckBatch, ct))
        {
            batch.Add(row);
            if (batch.Count == CheckBatch && await TakeMutualAsync()) return friends;
        }
        await TakeMutualAsync();
        return friends;

        // True once the page is full.
        async Task<bool> TakeMutualAsync()
        {
            var back = await Task.WhenAll(batch.Select(row => ReadEdgeAsync(table, followers, row.Other, ct)));
            for (var i = 0; i < batch.Count && friends.Count < limit; i++)
            {
                if (back[i] is null) continue;
                if (skipped++ < offset) continue;
                friends.Add(new FollowEdge(batch[i].Other, batch[i].Since));
            }
            batch.Clear();
            return friends.Count == limit;
        }
    }

    public async Task<IReadOnlyList<(long Follower, long Followee)>> RepairAsync(TimeSpan olderThan, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Follows, ct);
        var before = time.GetUtcNow() - olderThan;
        var repaired = new List<(long, long)>();
        // One filtered scan: intents are rare (a crash's leftovers), and their RowKeys share a prefix no other row has.
        var intents = table.QueryAsync<FollowIntentEntity>(
            TableClient.CreateQueryFilter($"RowKey ge {FollowRows.IntentPrefix} and RowKey lt {FollowRows.IntentEnd} and Timestamp lt {before}"),
            cancellationToken: ct);
        await foreach (var intent in intents)
        {
            await WriteFolloweeSideAsync(table, intent.Follower, intent.Followee, ct);
            await RelayAsync(table, intent, ct);
            repaired.Add((intent.Follower, intent.Followee));
        }
        return repaired;
    }

    private sealed record FirstWrite(bool Changed, FollowIntentEntity Intent);

    /// <summary>
    /// The follower's side as asked, with an intent; null when it already was and no intent is outstanding. When it
    /// already was but an intent is (a change in flight elsewhere, or left by a crash), this request completes it too.
    /// </summary>
    private async Task<FirstWrite?> WriteFollowerSideAsync(TableClient table, long follower, long followee, bool follow, CancellationToken ct)
    {
        var partition = FollowRows.Followees(follower);
        using var held = await locks.EnterAsync(partition, ct);
        var counts = _remembered.For(table, partition, c => ReadCountAsync(table, partition, c));
        return await TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, async () =>
        {
            var counting = counts.CurrentAsync(ct);
            var reading = ReadEdgeAsync(table, partition, followee, ct);
            var pending = table.GetEntityIfExistsAsync<FollowIntentEntity>(partition, FollowRows.Intent(followee), cancellationToken: ct);
            var (count, edge, intent) = (await counting, await reading, await pending);
            if (follow == (edge is not null)) return intent.HasValue ? new FirstWrite(false, intent.Value!) : null;

            var since = edge?.Since ?? time.GetUtcNow().ToUnixTimeMilliseconds();
            var (countAction, next) = CountAction(partition, count, follow ? 1 : -1);
            var newIntent = new FollowIntentEntity
            {
                PartitionKey = partition, RowKey = FollowRows.Intent(followee), Follower = follower, Followee = followee, Follow = follow,
                EventId = Guid.NewGuid().ToString("N"), At = time.GetUtcNow().ToUnixTimeMilliseconds(),
            };
            List<TableTransactionAction> actions =
            [
                countAction,
                .. EdgeActions(partition, followee, follow, edge, since),
                new(TableTransactionActionType.UpsertReplace, newIntent),
            ];
            var written = await counts.SubmitAsync(actions, ct);
            counts.Written(next, written, rowAction: 0);
            newIntent.ETag = written.Value[^1].Headers.ETag ?? default;
            return new FirstWrite(true, newIntent);
        }, () => BackOffAsync(ct), free: counts.Moved);
    }

    /// <summary>
    /// The change's event to Kafka (Follows:EventTopic, keyed by the followee), then the intent deleted unless a later
    /// change replaced it. With no brokers configured there is no event to send. A send that fails leaves the intent for
    /// the repair timer, which completes and sends it again under the same event id.
    /// </summary>
    private async Task RelayAsync(TableClient table, FollowIntentEntity intent, CancellationToken ct)
    {
        if (events.Configured)
        {
            var change = new FollowEvent(intent.EventId, intent.Follow ? FollowEvent.Followed : FollowEvent.Unfollowed, intent.Follower, intent.Followee, intent.At);
            await events.ProduceAsync(options.Value.EventTopic, intent.Followee.ToString(System.Globalization.CultureInfo.InvariantCulture),
                JsonSerializer.Serialize(change, WebookJson.Options), ct);
        }
        try
        {
            await table.DeleteEntityAsync(intent.PartitionKey, intent.RowKey, intent.ETag, ct);
        }
        catch (RequestFailedException e) when (TableRetry.LostRace(e) || e.Status == 404)
        {
            // A later change's intent (its own request completes it) or one already completed.
        }
    }

    private async Task RelayQuietlyAsync(TableClient table, FollowIntentEntity intent, CancellationToken ct)
    {
        try
        {
            await RelayAsync(table, intent, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not send the follow event {EventId}; the repair timer sends it after Follows:RepairAfter", intent.EventId);
        }
    }

    private async Task WriteFolloweeSideAsync(TableClient table, long follower, long followee, CancellationToken ct)
    {
        var partition = FollowRows.Followers(followee);
        using var held = await locks.EnterAsync(partition, ct);
        var counts = _remembered.For(table, partition, c => ReadCountAsync(table, partition, c));
        await TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, async () =>
        {
            var counting = counts.CurrentAsync(ct);
            var reading = ReadEdgeAsync(table, partition, follower, ct);
            var (count, mirror) = (await counting, await reading);
            // Read after the count row (or after this instance wrote the one it remembers): see the class comment.
            var truth = await ReadEdgeAsync(table, FollowRows.Followees(follower), followee, ct);
            var follows = truth is not null;
            var agree = follows == (mirror is not null);
            // Agreeing sides still rewrite the count row (unchanged): a writer holding an older read then fails its condition.
            var (countAction, next) = CountAction(partition, count, agree ? 0 : follows ? 1 : -1);
            List<TableTransactionAction> actions = [countAction];
            if (!agree) actions.AddRange(EdgeActions(partition, follower, follows, mirror, truth?.Since ?? 0));
            counts.Written(next, await counts.SubmitAsync(actions, ct), rowAction: 0);
            return true;
        }, () => BackOffAsync(ct), free: counts.Moved);
    }

    // Creating the row conflicts (409) with a concurrent creation; replacing it fails its ETag (412) after a concurrent change.
    private static (TableTransactionAction Action, FollowCountEntity Next) CountAction(string partition, FollowCountEntity? current, long delta)
    {
        var next = new FollowCountEntity { PartitionKey = partition, RowKey = FollowRows.Count(partition), Count = (current?.Count ?? 0) + delta };
        return (current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, next)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, current.ETag), next);
    }

    private static IEnumerable<TableTransactionAction> EdgeActions(string partition, long other, bool present, FollowEdgeEntity? existing, long since)
    {
        if (!present)
        {
            yield return new(TableTransactionActionType.Delete, existing!, existing!.ETag);
            yield return new(TableTransactionActionType.Delete, new TableEntity(partition, existing.TimeRow), ETag.All);
            yield break;
        }
        var timeRow = FollowRows.Time(since, other);
        yield return new(TableTransactionActionType.Add,
            new FollowEdgeEntity { PartitionKey = partition, RowKey = FollowRows.Edge(partition, other), Other = other, Since = since, TimeRow = timeRow });
        yield return new(TableTransactionActionType.Add, new FollowEdgeEntity { PartitionKey = partition, RowKey = timeRow, Other = other, Since = since });
    }

    public IAsyncEnumerable<long> AllFollowersAsync(long followee, CancellationToken ct) => AllAsync(FollowRows.Followers(followee), ct);

    public IAsyncEnumerable<long> AllFolloweesAsync(long follower, CancellationToken ct) => AllAsync(FollowRows.Followees(follower), ct);

    private async IAsyncEnumerable<long> AllAsync(string partition, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Follows, ct);
        await foreach (var row in TimeRows(table, partition, 1000, ct)) yield return row.Other;
    }

    private async Task<IReadOnlyList<FollowEdge>> ListAsync(string partition, int offset, int limit, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Follows, ct);
        var page = new List<FollowEdge>(limit);
        var skipped = 0;
        await foreach (var row in TimeRows(table, partition, Math.Min(1000, offset + limit), ct))
        {
            if (skipped++ < offset) continue;
            page.Add(new FollowEdge(row.Other, row.Since));
            if (page.Count == limit) break;
        }
        return page;
    }

    private static IAsyncEnumerable<FollowEdgeEntity> TimeRows(TableClient table, string partition, int pageSize, CancellationToken ct) =>
        table.QueryAsync<FollowEdgeEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {FollowRows.TimePrefix} and RowKey lt {FollowRows.TimeEnd}"),
            maxPerPage: pageSize, select: [nameof(FollowEdgeEntity.Other), nameof(FollowEdgeEntity.Since)], cancellationToken: ct);

    private static async Task<FollowEdgeEntity?> ReadEdgeAsync(TableClient table, string partition, long other, CancellationToken ct)
    {
        var edge = await table.GetEntityIfExistsAsync<FollowEdgeEntity>(partition, FollowRows.Edge(partition, other), cancellationToken: ct);
        return edge.HasValue ? edge.Value : null;
    }

    private static async Task<FollowCountEntity?> ReadCountAsync(TableClient table, string partition, CancellationToken ct)
    {
        var count = await table.GetEntityIfExistsAsync<FollowCountEntity>(partition, FollowRows.Count(partition), cancellationToken: ct);
        return count.HasValue ? count.Value : null;
    }

    private async Task BackOffAsync(CancellationToken ct) =>
        await Task.Delay(Random.Shared.NextDouble() * options.Value.ConflictBackoff, time, ct);
}
