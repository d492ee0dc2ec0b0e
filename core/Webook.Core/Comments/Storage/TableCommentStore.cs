using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Webook.Core.Common;
using Webook.Core.Http;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Comments.Storage;

/// <summary>
/// A comment is written as its id's place row (claimed: a taken id is drawn again), then one transaction in its
/// article's partition: the comment, the article's count row and, for a reply, its root's reply count, each
/// conditional on the row read, so counts stay exact under concurrent posts and deletes. A root's deletion takes its
/// replies in transactions of at most <see cref="DeleteBatch"/>, each moving both counts by what it deleted, the root
/// itself last. Writers of one article in this process take turns on a lock; conflicts with other instances read again.
/// </summary>
public sealed class TableCommentStore(WebookTables tables, KeyedLocks locks, IdGenerator ids, TimeProvider time, IOptions<CommentOptions> options,
    ICommentCountsMirror mirror, TableOutbox outbox, ILogger<TableCommentStore> logger) : ICommentStore
{
    // A transaction holds 100 entities: the replies, their root, the count row and the outbox row of their event.
    private const int DeleteBatch = 97;

    public async Task<Comment?> AddAsync(long articleId, long articleAuthor, long userId, string content, long? parentId, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Comments, ct);
        var (rootId, replyTo) = (0L, 0L);
        if (parentId is { } pid)
        {
            if (await GetAsync(table, pid, ct) is not { } parent || parent.ArticleId != articleId) return null;
            (rootId, replyTo) = (parent.IsRoot ? parent.Id : parent.RootId, parent.UserId);
        }
        var id = await ClaimIdAsync(table, articleId, rootId, ct);
        var partition = CommentRows.Article(articleId);
        var comment = new CommentEntity
        {
            PartitionKey = partition, RowKey = CommentRows.Of(id, rootId), Id = id, ArticleId = articleId, UserId = userId,
            Content = content, RootId = rootId, ParentId = parentId ?? 0, ReplyToUserId = replyTo,
            Ctime = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        var events = TableOutbox.Stage(partition, [Event(rootId == 0 ? CommentEvent.Commented : CommentEvent.Replied, articleId, articleAuthor,
            [new CommentEventItem(id, userId, replyTo, content.Length > 100 ? content[..100] : content)])]);
        // The lock covers the transaction only: the relay's wait for the brokers must not hold the article's other writers.
        using (await locks.EnterAsync(partition, ct))
        {
            try
            {
                await TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, async () =>
                {
                    var counting = ReadCountAsync(table, partition, ct);
                    var rooting = rootId == 0 ? Task.FromResult<CommentEntity?>(null) : ReadAsync(table, partition, CommentRows.Root(rootId), ct);
                    var (count, root) = (await counting, await rooting);
                    if (rootId != 0 && root is null) throw new RequestFailedException(StatusCodes.Status404NotFound, "The root was deleted.");
                    var next = NextCount(articleId, count, 1);
                    List<TableTransactionAction> actions = [new(TableTransactionActionType.Add, comment), CountAction(next, count), new(TableTransactionActionType.Add, events)];
                    if (root is not null) actions.Add(ReplyCountAction(root, 1));
                    await SubmitAsync(table, actions);
                    Offer(articleId, next);
                    return true;
                }, () => BackOffAsync(ct));
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
            {
                // The root went while the reply was on its way: nothing was written but the place, which names no comment now.
                await table.DeleteEntityAsync(CommentRows.Place(id), CommentRows.Place(id), ETag.All, CancellationToken.None);
                return null;
            }
        }
        await outbox.RelayQuietlyAsync(table, events, ct);
        return ToComment(comment);
    }

    public async Task<Comment?> GetAsync(long commentId, CancellationToken ct) =>
        await GetAsync(await tables.GetAsync(WebookTables.Comments, ct), commentId, ct);

    public async Task<bool> DeleteAsync(Comment comment, long articleAuthor, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Comments, ct);
        var partition = CommentRows.Article(comment.ArticleId);
        var (deleted, relayed, gone) = (new List<long>(), new List<OutboxEntity>(), false);
        using (await locks.EnterAsync(partition, ct))
        {
            if (comment.IsRoot)
            {
                // Replies first, a batch at a time, the root's count moved with each; the root last, when none is left.
                while (await DeleteRepliesAsync(table, comment.ArticleId, articleAuthor, comment.Id, deleted, relayed, ct))
                {
                }
            }
            gone = await DeleteOneAsync(table, partition, comment, articleAuthor, relayed, ct);
            if (gone) deleted.Add(comment.Id);
        }
        foreach (var row in relayed) await outbox.RelayQuietlyAsync(table, row, ct);
        // The places of deleted comments name nothing; dropping them only saves space.
        await Task.WhenAll(deleted.Select(id => DeletePlaceQuietlyAsync(table, id)));
        return gone;
    }

    public async Task<CommentCount> CountAsync(long articleId, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Comments, ct);
        var row = await ReadCountAsync(table, CommentRows.Article(articleId), ct);
        return new CommentCount(articleId, row?.Version ?? 0, row?.Count ?? 0);
    }

    public async Task<IReadOnlyList<Comment>> RootsAsync(long articleId, long? beforeId, int limit, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Comments, ct);
        var partition = CommentRows.Article(articleId);
        var filter = beforeId is { } before
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {CommentRows.Root(before)} and RowKey lt {CommentRows.RootEnd}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {CommentRows.RootPrefix} and RowKey lt {CommentRows.RootEnd}");
        return await TakeAsync(table, filter, limit, ct);
    }

    public async Task<IReadOnlyList<Comment>> RepliesAsync(long articleId, long rootId, long? afterId, int limit, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Comments, ct);
        var partition = CommentRows.Article(articleId);
        var from = afterId is { } after ? CommentRows.Reply(rootId, after) : CommentRows.RepliesOf(rootId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey gt {from} and RowKey lt {CommentRows.RepliesEnd(rootId)}");
        return await TakeAsync(table, filter, limit, ct);
    }

    private async Task<long> ClaimIdAsync(TableClient table, long articleId, long rootId, CancellationToken ct)
    {
        return await TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, async () =>
        {
            var id = ids.Next();
            var place = CommentRows.Place(id);
            await table.AddEntityAsync(new CommentPlaceEntity { PartitionKey = place, RowKey = place, ArticleId = articleId, RootId = rootId }, ct);
            return id;
        });
    }

    private static async Task<Comment?> GetAsync(TableClient table, long commentId, CancellationToken ct)
    {
        var place = CommentRows.Place(commentId);
        var found = await table.GetEntityIfExistsAsync<CommentPlaceEntity>(place, place, cancellationToken: ct);
        if (!found.HasValue) return null;
        var row = await ReadAsync(table, CommentRows.Article(found.Value!.ArticleId), CommentRows.Of(commentId, found.Value.RootId), ct);
        return row is null ? null : ToComment(row);
    }

    /// <summary>One batch of a root's replies deleted with both counts; false when none was left.</summary>
    private async Task<bool> DeleteRepliesAsync(TableClient table, long articleId, long articleAuthor, long rootId, List<long> deleted, List<OutboxEntity> relayed,
        CancellationToken ct)
    {
        var partition = CommentRows.Article(articleId);
        return await TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, async () =>
        {
            var replies = new List<CommentEntity>(DeleteBatch);
            await foreach (var reply in table.QueryAsync<CommentEntity>(
                               TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {CommentRows.RepliesOf(rootId)} and RowKey lt {CommentRows.RepliesEnd(rootId)}"),
                               maxPerPage: DeleteBatch, cancellationToken: ct))
            {
                replies.Add(reply);
                if (replies.Count == DeleteBatch) break;
            }
            if (replies.Count == 0) return false;
            var counting = ReadCountAsync(table, partition, ct);
            var rooting = ReadAsync(table, partition, CommentRows.Root(rootId), ct);
            var (count, root) = (await counting, await rooting);
            var next = NextCount(articleId, count, -replies.Count);
            var events = TableOutbox.Stage(partition, [Event(CommentEvent.Uncommented, articleId, articleAuthor, [.. replies.Select(Gone)])]);
            List<TableTransactionAction> actions =
            [
                .. replies.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)),
                CountAction(next, count),
                new(TableTransactionActionType.Add, events),
            ];
            if (root is not null) actions.Add(ReplyCountAction(root, -replies.Count));
            await SubmitAsync(table, actions);
            Offer(articleId, next);
            relayed.Add(events);
            deleted.AddRange(replies.Select(r => r.Id));
            return true;
        }, () => BackOffAsync(ct));
    }

    /// <summary>The comment's own row with the counts; false when it was already gone.</summary>
    private async Task<bool> DeleteOneAsync(TableClient table, string partition, Comment comment, long articleAuthor, List<OutboxEntity> relayed, CancellationToken ct)
    {
        return await TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, async () =>
        {
            var counting = ReadCountAsync(table, partition, ct);
            var reading = ReadAsync(table, partition, CommentRows.Of(comment.Id, comment.RootId), ct);
            var rooting = comment.IsRoot ? Task.FromResult<CommentEntity?>(null) : ReadAsync(table, partition, CommentRows.Root(comment.RootId), ct);
            var (count, row, root) = (await counting, await reading, await rooting);
            if (row is null) return false;
            // A root is deleted only as read: a reply posted since its replies went moved its ETag, and the loop goes again.
            var next = NextCount(comment.ArticleId, count, -1);
            var events = TableOutbox.Stage(partition, [Event(CommentEvent.Uncommented, comment.ArticleId, articleAuthor, [Gone(row)])]);
            List<TableTransactionAction> actions =
                [new(TableTransactionActionType.Delete, row, row.ETag), CountAction(next, count), new(TableTransactionActionType.Add, events)];
            if (root is not null) actions.Add(ReplyCountAction(root, -1));
            await SubmitAsync(table, actions);
            Offer(comment.ArticleId, next);
            relayed.Add(events);
            return true;
        }, () => BackOffAsync(ct));
    }

    private static async Task DeletePlaceQuietlyAsync(TableClient table, long id)
    {
        try
        {
            await table.DeleteEntityAsync(CommentRows.Place(id), CommentRows.Place(id), ETag.All, CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Left behind, it names a comment that is not there: read as none.
        }
    }

    private static async Task<IReadOnlyList<Comment>> TakeAsync(TableClient table, string filter, int limit, CancellationToken ct)
    {
        var page = new List<Comment>(limit);
        await foreach (var row in table.QueryAsync<CommentEntity>(filter, maxPerPage: limit, cancellationToken: ct))
        {
            page.Add(ToComment(row));
            if (page.Count == limit) break;
        }
        return page;
    }

    // Not cancelled with the request: a transaction sent may land even after its caller gave up (a frozen table that
    // wakes), and the handler drops the cached first pages and counts only once this returns, so after the outcome.
    private static Task SubmitAsync(TableClient table, List<TableTransactionAction> actions) =>
        table.SubmitTransactionAsync(actions, CancellationToken.None);

    private OutboxEvent Event(string type, long articleId, long articleAuthor, IReadOnlyList<CommentEventItem> comments) =>
        new(options.Value.EventTopic, articleId.ToString(System.Globalization.CultureInfo.InvariantCulture), JsonSerializer.Serialize(
            new CommentEvent(Guid.NewGuid().ToString("N"), type, articleId, articleAuthor, comments, time.GetUtcNow().ToUnixTimeMilliseconds()), WebookJson.Options));

    private static CommentEventItem Gone(CommentEntity row) => new(row.Id, row.UserId, row.ReplyToUserId, "");

    private static CommentCountEntity NextCount(long articleId, CommentCountEntity? current, long delta)
    {
        var partition = CommentRows.Article(articleId);
        return new CommentCountEntity
        {
            PartitionKey = partition, RowKey = CommentRows.Count(partition), Count = (current?.Count ?? 0) + delta, Version = (current?.Version ?? 0) + 1,
        };
    }

    // Creating the row conflicts (409) with a concurrent creation; replacing it fails its ETag (412) after a concurrent change.
    private static TableTransactionAction CountAction(CommentCountEntity next, CommentCountEntity? current) => current is null
        ? new TableTransactionAction(TableTransactionActionType.Add, next)
        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, current.ETag);

    // The table holds the change either way; a copy that missed it keeps an older count until the next change.
    private void Offer(long articleId, CommentCountEntity next)
    {
        try
        {
            mirror.Offer(new CommentCount(articleId, next.Version, next.Count));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not send the comment count of article {ArticleId} to the hot list's copy", articleId);
        }
    }

    private static TableTransactionAction ReplyCountAction(CommentEntity root, long delta) =>
        new(TableTransactionActionType.UpdateMerge,
            new TableEntity(root.PartitionKey, root.RowKey) { [nameof(CommentEntity.ReplyCount)] = root.ReplyCount + delta }, root.ETag);

    private static async Task<CommentEntity?> ReadAsync(TableClient table, string partition, string row, CancellationToken ct)
    {
        var found = await table.GetEntityIfExistsAsync<CommentEntity>(partition, row, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    private static async Task<CommentCountEntity?> ReadCountAsync(TableClient table, string partition, CancellationToken ct)
    {
        var found = await table.GetEntityIfExistsAsync<CommentCountEntity>(partition, CommentRows.Count(partition), cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    private static Comment ToComment(CommentEntity e) =>
        new(e.Id, e.ArticleId, e.UserId, e.Content, e.RootId, e.ParentId, e.ReplyToUserId, e.ReplyCount, e.Ctime);

    private async Task BackOffAsync(CancellationToken ct) =>
        await Task.Delay(Random.Shared.NextDouble() * options.Value.ConflictBackoff, time, ct);
}
