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
            var index = await table.FindAsync<FollowNoticeEntity>(partition, NotificationRows.Follow(partition, follower), ct);
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
            var index = await table.FindAsync<FollowNoticeEntity>(partition, NotificationRows.Follow(partition, follower), ct);
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
            var index = await table.FindAsync<FollowNoticeEntity>(partition, NotificationRows.Comment(partition, commentId), ct);
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
            var index = await table.FindAsync<FollowNoticeEntity>(partition, key, ct);
            if (index is { NotificationRow.Length: 0 }) return true;
            var tombstone = new FollowNoticeEntity { PartitionKey = partition, RowKey = key, NotificationRow = "", At = at };
            List<TableTransactionAction> actions = index is null
                ? [new(TableTransactionActionType.Add, tombstone)]
                : [new(TableTransactionActionType.UpdateReplace, tombstone, index.ETag), new(TableTransactionActionType.Delete, new TableEntity(partition, index.NotificationRow), ETag.All)];
            await table.SubmitTransactionAsync(actions, ct);
            return true;
        });
    }

    public async Task FoldedAsync(string eventId, string type, long actor, long recipient, long articleId, long version, long at, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), NotificationRows.Partition(recipient));
        var actorRow = NotificationRows.FoldActor(partition, type, articleId, actor);
        await RetryAsync(async () =>
        {
            var index = await table.FindAsync<FoldActorEntity>(partition, actorRow, ct);
            if (index is not null && index.Version >= version) return true;
            if (index is { GroupRow.Length: > 0 })
            {
                // Counted already (a collect into a second collection, or an uncollect between, which withdraws nothing).
                await table.UpdateEntityAsync(FoldActor(partition, actorRow, actor, index.GroupRow, version), index.ETag, TableUpdateMode.Replace, ct);
                return true;
            }
            var group = await NewestGroupAsync(table, partition, type, articleId, ct);
            List<TableTransactionAction> actions = [];
            if (group is not null && at - group.Start < options.Value.FoldWindow.TotalMilliseconds)
            {
                var when = Math.Max(at, group.LastAt);
                var row = NotificationRows.Notification(partition, IdOf(when, eventId));
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, group.NotificationRow), ETag.All));
                actions.Add(new(TableTransactionActionType.Add, Folded(partition, row, IdOf(when, eventId), type, actor, group.Count + 1, articleId, when, eventId)));
                actions.Add(new(TableTransactionActionType.UpdateReplace, new FoldGroupEntity
                {
                    PartitionKey = partition, RowKey = group.RowKey, NotificationRow = row, Start = group.Start, LastAt = when, Count = group.Count + 1,
                }, group.ETag));
            }
            else
            {
                var (id, groupRow) = (IdOf(at, eventId), NotificationRows.FoldGroup(partition, type, articleId, at));
                group = new FoldGroupEntity
                {
                    PartitionKey = partition, RowKey = groupRow, NotificationRow = NotificationRows.Notification(partition, id), Start = at, LastAt = at, Count = 1,
                };
                actions.Add(new(TableTransactionActionType.Add, Folded(partition, group.NotificationRow, id, type, actor, 1, articleId, at, eventId)));
                actions.Add(new(TableTransactionActionType.Add, group));
            }
            actions.Add(Upsert(FoldActor(partition, actorRow, actor, group.RowKey, version), index));
            await table.SubmitTransactionAsync(actions, ct);
            return true;
        });
    }

    public async Task UnfoldedAsync(string type, long actor, long recipient, long articleId, long version, CancellationToken ct)
    {
        var (table, partition) = (await TableAsync(ct), NotificationRows.Partition(recipient));
        var actorRow = NotificationRows.FoldActor(partition, type, articleId, actor);
        await RetryAsync(async () =>
        {
            var index = await table.FindAsync<FoldActorEntity>(partition, actorRow, ct);
            if (index is not null && index.Version >= version) return true;
            // Kept, counting nothing, so that the like this takes back is not applied after it.
            List<TableTransactionAction> actions = [Upsert(FoldActor(partition, actorRow, actor, "", version), index)];
            var group = index is { GroupRow.Length: > 0 } ? await table.FindAsync<FoldGroupEntity>(partition, index.GroupRow, ct) : null;
            if (group is { Count: <= 1 })
            {
                actions.Add(new(TableTransactionActionType.Delete, group, group.ETag));
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, group.NotificationRow), ETag.All));
            }
            else if (group is not null)
            {
                actions.Add(new(TableTransactionActionType.UpdateReplace, new FoldGroupEntity
                {
                    PartitionKey = partition, RowKey = group.RowKey, NotificationRow = group.NotificationRow, Start = group.Start, LastAt = group.LastAt,
                    Count = group.Count - 1,
                }, group.ETag));
                if (await table.FindAsync<NotificationEntity>(partition, group.NotificationRow, ct) is { } shown)
                {
                    // It stays where it is (taking a like back is no news); it names another actor if it named this one.
                    shown.Count = group.Count - 1;
                    if (shown.ActorId == actor) shown.ActorId = await AnotherActorAsync(table, partition, type, articleId, group.RowKey, actor, ct) ?? actor;
                    actions.Add(new(TableTransactionActionType.UpdateReplace, shown, shown.ETag));
                }
            }
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
            var current = await table.FindAsync<ReadMarkEntity>(partition, NotificationRows.ReadMark(partition), ct);
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

    private static NotificationEntity Folded(string partition, string row, long id, string type, long actor, int count, long articleId, long at, string eventId) => new()
    {
        PartitionKey = partition, RowKey = row, Id = id, Type = type, ActorId = actor, Count = count, ArticleId = articleId, Ctime = at, EventId = eventId,
    };

    private static FoldActorEntity FoldActor(string partition, string row, long actor, string groupRow, long version) =>
        new() { PartitionKey = partition, RowKey = row, Actor = actor, GroupRow = groupRow, Version = version };

    private static TableTransactionAction Upsert(FoldActorEntity next, FoldActorEntity? current) =>
        current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, next)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, current.ETag);

    private static async Task<FoldGroupEntity?> NewestGroupAsync(TableClient table, string partition, string type, long articleId, CancellationToken ct)
    {
        var prefix = NotificationRows.FoldGroupPrefix(partition, type, articleId);
        await foreach (var group in table.QueryAsync<FoldGroupEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {NotificationRows.End(prefix)}"),
                           maxPerPage: 1, cancellationToken: ct))
            return group;
        return null;
    }

    /// <summary>Someone else the group still counts (one query over the article's actors of that type, first match).</summary>
    private static async Task<long?> AnotherActorAsync(TableClient table, string partition, string type, long articleId, string groupRow, long actor, CancellationToken ct)
    {
        var prefix = NotificationRows.FoldActorPrefix(partition, type, articleId);
        await foreach (var other in table.QueryAsync<FoldActorEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {NotificationRows.End(prefix)} and GroupRow eq {groupRow} and Actor ne {actor}"),
                           select: [nameof(FoldActorEntity.Actor)], cancellationToken: ct))
            return other.Actor;
        return null;
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
        (await table.FindAsync<ReadMarkEntity>(partition, NotificationRows.ReadMark(partition), ct))?.UpTo ?? 0;

    private Task<bool> RetryAsync(Func<Task<bool>> attempt) =>
        TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, attempt,
            // 404: a notification an index row named was withdrawn by another writer meanwhile.
            lost: e => TableRetry.LostRace(e) || e.Status == StatusCodes.Status404NotFound);

    private Task<TableClient> TableAsync(CancellationToken ct) => tables.GetAsync(WebookTables.Notifications, ct);
}
