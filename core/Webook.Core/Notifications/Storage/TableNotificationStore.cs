using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Notifications.Storage;

/// <summary>
/// Notifications in the recipient's partition (<see cref="NotificationRows"/>). A notification's id comes from its event
/// (the event's time and 11 bits of its id), so a redelivered event names the same row. A follow's index row keeps the
/// time of the last follow or unfollow applied for that follower, so an older event handed over late changes nothing;
/// the notification and its index row change in one transaction. Read means at or below the read mark.
/// </summary>
public sealed class TableNotificationStore(WebookTables tables, IOptions<NotificationOptions> options) : INotificationStore
{
    public const string FollowType = "follow";

    public async Task FollowedAsync(string eventId, long follower, long followee, long at, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), NotificationRows.Partition(followee));
        var id = IdOf(at, eventId);
        var row = NotificationRows.Notification(partition, id);
        await RetryAsync(async () =>
        {
            var index = await ReadAsync<FollowNoticeEntity>(table, partition, NotificationRows.Follow(partition, follower), ct);
            if (index is not null && index.At >= at) return true;
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.Add, new NotificationEntity
                {
                    PartitionKey = partition, RowKey = row, Id = id, Type = FollowType, ActorId = follower, Ctime = at, EventId = eventId,
                }),
                IndexAction(partition, follower, index, row, at),
            ];
            // An earlier follow whose unfollow never came: one notification per follower.
            if (index is { NotificationRow.Length: > 0 } && index.NotificationRow != row)
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, index.NotificationRow), ETag.All));
            await table.SubmitTransactionAsync(actions, ct);
            return true;
        });
    }

    public async Task UnfollowedAsync(long follower, long followee, long at, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), NotificationRows.Partition(followee));
        await RetryAsync(async () =>
        {
            var index = await ReadAsync<FollowNoticeEntity>(table, partition, NotificationRows.Follow(partition, follower), ct);
            if (index is not null && index.At >= at) return true;
            // The index row stays, without a notification, so that the follow this ends is not applied after it.
            List<TableTransactionAction> actions = [IndexAction(partition, follower, index, "", at)];
            if (index is { NotificationRow.Length: > 0 })
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, index.NotificationRow), ETag.All));
            await table.SubmitTransactionAsync(actions, ct);
            return true;
        });
    }

    public async Task CommentedAsync(string eventId, string type, long actor, long recipient, long articleId, long commentId, string content, long at,
        CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), NotificationRows.Partition(recipient));
        var id = IdOf(at, eventId);
        var row = NotificationRows.Notification(partition, id);
        await RetryAsync(async () =>
        {
            var index = await ReadAsync<FollowNoticeEntity>(table, partition, NotificationRows.Comment(partition, commentId), ct);
            // Made already, or the comment was deleted: a comment is notified once, and never after its deletion.
            if (index is not null) return true;
            await table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, new NotificationEntity
                {
                    PartitionKey = partition, RowKey = row, Id = id, Type = type, ActorId = actor, ArticleId = articleId, CommentId = commentId,
                    CommentContent = content, Ctime = at, EventId = eventId,
                }),
                new(TableTransactionActionType.Add, new FollowNoticeEntity
                {
                    PartitionKey = partition, RowKey = NotificationRows.Comment(partition, commentId), NotificationRow = row, At = at,
                }),
            ], ct);
            return true;
        });
    }

    public async Task UncommentedAsync(long recipient, long commentId, long at, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), NotificationRows.Partition(recipient));
        var key = NotificationRows.Comment(partition, commentId);
        await RetryAsync(async () =>
        {
            var index = await ReadAsync<FollowNoticeEntity>(table, partition, key, ct);
            if (index is { NotificationRow.Length: 0 }) return true;
            var tombstone = new FollowNoticeEntity { PartitionKey = partition, RowKey = key, NotificationRow = "", At = at };
            List<TableTransactionAction> actions = index is null
                ? [new(TableTransactionActionType.Add, tombstone)]
                : [new(TableTransactionActionType.UpdateReplace, tombstone, index.ETag), new(TableTransactionActionType.Delete, new TableEntity(partition, index.NotificationRow), ETag.All)];
            await table.SubmitTransactionAsync(actions, ct);
            return true;
        });
    }

    public async Task<IReadOnlyList<Notification>> ListAsync(long userId, long beforeMs, int limit, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), NotificationRows.Partition(userId));
        var marking = ReadMarkAsync(table, partition, ct);
        var start = NotificationRows.Notification(partition, IdGenerator.FirstAt(beforeMs) - 1);
        var page = new List<NotificationEntity>(limit);
        await foreach (var row in table.QueryAsync<NotificationEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {start} and RowKey lt {NotificationRows.End(NotificationRows.NotificationPrefix(partition))}"),
                           maxPerPage: limit, cancellationToken: ct))
        {
            page.Add(row);
            if (page.Count == limit) break;
        }
        var upTo = await marking;
        return page.Select(n => new Notification(n.Id, n.Type, n.ActorId, n.Count, n.ArticleId, n.CommentId, n.CommentContent, n.Ctime, n.Id <= upTo)).ToList();
    }

    public async Task<int> UnreadAsync(long userId, int cap, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), NotificationRows.Partition(userId));
        var upTo = await ReadMarkAsync(table, partition, ct);
        var count = 0;
        await foreach (var _ in table.QueryAsync<NotificationEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {NotificationRows.NotificationPrefix(partition)} and RowKey lt {NotificationRows.Notification(partition, upTo)}"),
                           maxPerPage: cap, select: [nameof(NotificationEntity.Id)], cancellationToken: ct))
            if (++count == cap) break;
        return count;
    }

    public async Task MarkReadAsync(long userId, long? upTo, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), NotificationRows.Partition(userId));
        var target = upTo ?? await NewestAsync(table, partition, ct);
        if (target is not { } mark) return;
        await RetryAsync(async () =>
        {
            var current = await ReadAsync<ReadMarkEntity>(table, partition, NotificationRows.ReadMark(partition), ct);
            if (current?.UpTo >= mark) return true;
            var next = new ReadMarkEntity { PartitionKey = partition, RowKey = NotificationRows.ReadMark(partition), UpTo = mark };
            if (current is null) await table.AddEntityAsync(next, ct);
            else await table.UpdateEntityAsync(next, current.ETag, TableUpdateMode.Replace, ct);
            return true;
        });
    }

    /// <summary>The event's time with 11 bits of its id: time-ordered, and the same for the same event.</summary>
    public static long IdOf(long at, string eventId)
    {
        var hash = 2166136261u;
        foreach (var c in eventId) hash = (hash ^ c) * 16777619u;
        return IdGenerator.FirstAt(at) | (hash & 2047);
    }

    private static TableTransactionAction IndexAction(string partition, long follower, FollowNoticeEntity? current, string row, long at)
    {
        var next = new FollowNoticeEntity { PartitionKey = partition, RowKey = NotificationRows.Follow(partition, follower), NotificationRow = row, At = at };
        return current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, next)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, current.ETag);
    }

    private static async Task<long?> NewestAsync(TableClient table, string partition, CancellationToken ct)
    {
        var prefix = NotificationRows.NotificationPrefix(partition);
        await foreach (var row in table.QueryAsync<NotificationEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {NotificationRows.End(prefix)}"),
                           maxPerPage: 1, select: [nameof(NotificationEntity.Id)], cancellationToken: ct))
            return row.Id;
        return null;
    }

    private static async Task<long> ReadMarkAsync(TableClient table, string partition, CancellationToken ct) =>
        (await ReadAsync<ReadMarkEntity>(table, partition, NotificationRows.ReadMark(partition), ct))?.UpTo ?? 0;

    private Task<bool> RetryAsync(Func<Task<bool>> attempt) =>
        TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, attempt,
            // 404: a notification an index row named was withdrawn by another writer meanwhile.
            lost: e => TableRetry.LostRace(e) || e.Status == StatusCodes.Status404NotFound);

    private Task<TableClient> TableAsync(CancellationToken ct) => tables.GetAsync(WebookTables.Notifications, ct);

    private static async Task<T?> ReadAsync<T>(TableClient table, string partition, string row, CancellationToken ct) where T : class, ITableEntity
    {
        var found = await table.GetEntityIfExistsAsync<T>(partition, row, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }
}
