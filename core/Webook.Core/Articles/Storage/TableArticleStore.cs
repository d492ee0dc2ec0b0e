using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Globalization;
using System.Text.Json;
using Webook.Core.Common;
using Webook.Core.Feed;
using Webook.Core.Http;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Articles.Storage;

/// <summary>
/// Drafts and published copies. Every save gets a last-writer-wins stamp as its version (time-ordered,
/// above the previous version) and uploads its content to new blobs named per save, then moves the draft
/// row and (publishing) the published row to it with ETag-conditional writes. A writer whose condition
/// fails re-reads: a newer stamp there means this save was superseded (it succeeds, and its blobs go);
/// an older one means it retries. So concurrent saves all succeed and the newest stamp wins both rows.
/// Any failure after the upload deletes this save's blobs unless a row names them; what a failed delete
/// leaves, <see cref="ArticleBlobSweep"/> removes. New ids come from <see cref="ArticleIdClaims"/>.
/// </summary>
public sealed class TableArticleStore(
    ArticleRows rows, ArticleBlobs blobs, ArticleIdClaims claims, IdGenerator ids, TimeProvider time,
    IOptions<ArticleOptions> options, IOptions<FeedOptions> feed, TableOutbox outbox, ILogger<TableArticleStore> logger) : IArticleStore
{
    public async Task<Article?> SaveAsync(Article draft, bool publish, CancellationToken ct)
    {
        DraftArticleEntity? existing = null;
        // The published row as it was before this save: none for a new id (claimed by this save, so nothing can be published under it).
        PublishedArticleEntity? published = null;
        if (draft.Id != 0)
        {
            var readDraft = rows.ReadDraftAsync(draft.AuthorId, draft.Id, ct);
            var readPublished = publish ? rows.ReadPublishedAsync(draft.Id, ct) : Task.FromResult<PublishedArticleEntity?>(null);
            await Task.WhenAll(readDraft, readPublished);
            existing = await readDraft;
            published = await readPublished;
            if (existing is null || published is not null && published.AuthorId != draft.AuthorId) return null;
        }

        var now = time.GetUtcNow();
        var stamp = ids.Next();
        var saved = draft with
        {
            Version = Math.Max(stamp, (existing?.Version ?? 0) + 1),
            Status = publish ? ArticleStatus.Published : ArticleStatus.Unpublished,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
        };
        var contentKey = $"{stamp}-{Guid.NewGuid():N}";
        try
        {
            if (saved.Id == 0) saved = await ClaimWhileUploadingAsync(saved, contentKey, publish, ct);
            else await blobs.UploadAsync(saved, contentKey, publish, ct);
            // The draft row first: a save whose draft write fails publishes nothing, so the published copy is never
            // newer than the author's draft. A save superseded on the draft still publishes if no newer version is
            // published: the same result as the two saves in stamp order.
            var unusedDraft = await MoveDraftRowAsync(saved, contentKey, existing, ct);
            (bool Won, string? Unused) moved = (false, null);
            try
            {
                if (publish) moved = await MovePublishedRowAsync(saved, contentKey, published, ct);
            }
            finally
            {
                // The blobs no row names any more (the ones the rows named before, or this save's where it lost), at once.
                await Task.WhenAll(
                    unusedDraft is not null ? blobs.DeleteDraftQuietlyAsync(saved.AuthorId, saved.Id, unusedDraft) : Task.CompletedTask,
                    moved.Unused is not null ? blobs.DeletePublicQuietlyAsync(saved.Id, moved.Unused) : Task.CompletedTask);
            }
            return moved.Won ? saved with { ContentUrl = blobs.PublicUrl(saved.Id, contentKey) } : saved;
        }
        catch (Exception e)
        {
            // Without an id the claim failed, and ClaimWhileUploadingAsync removed what it uploaded.
            if (saved.Id != 0) await CleanUpAsync(saved, contentKey, publish);
            if (e is RequestFailedException { Status: StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict })
                throw new ArticleChangedException();
            throw;
        }
    }

    public async Task<bool> WithdrawAsync(long authorId, long id, CancellationToken ct)
    {
        if (await rows.ReadDraftAsync(authorId, id, ct) is null) return false;

        var row = await rows.ReadPublishedAsync(id, ct);
        if (row is not null && row.AuthorId != authorId) return false;
        if (row is not null)
        {
            var published = await rows.PublishedAsync(ct);
            var hidden = new TableEntity(ArticleRows.Key(id), ArticleRows.Key(id)) { [nameof(PublishedArticleEntity.Status)] = (int)ArticleStatus.Private };
            if (row.Status == (int)ArticleStatus.Published)
            {
                // The withdrawal and its event in one transaction; a second withdrawal (finishing a first one's blob) sends none.
                var events = TableOutbox.Stage(ArticleRows.Key(id), [Event(ArticleEvent.Withdrawn, id, authorId, row.PublishedAtOrUpdated)]);
                await published.SubmitTransactionAsync(
                    [new(TableTransactionActionType.UpdateMerge, hidden, row.ETag), new(TableTransactionActionType.Add, events)], ct);
                await outbox.RelayQuietlyAsync(published, events, ct);
            }
            else await published.UpdateEntityAsync(hidden, ETag.All, TableUpdateMode.Merge, ct);
            await blobs.DeletePublicAsync(id, row.ContentKey, ct);
        }
        var drafts = await rows.DraftsAsync(ct);
        await drafts.UpdateEntityAsync(new TableEntity(ArticleRows.Key(authorId), ArticleRows.DraftRowKey(id)) { [nameof(DraftArticleEntity.Status)] = (int)ArticleStatus.Private },
            ETag.All, TableUpdateMode.Merge, ct);
        return true;
    }

    public async Task<IReadOnlyList<ArticleSummary>> ListAsync(long authorId, int offset, int limit, CancellationToken ct)
    {
        var drafts = await rows.DraftsAsync(ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ArticleRows.Key(authorId)}");
        string[] columns = ["Id", "Title", "Abstract", "Status", "CreatedAt", "UpdatedAt"];
        var page = new List<ArticleSummary>(limit);
        var index = 0;
        await foreach (var row in drafts.QueryAsync<DraftArticleEntity>(filter, Math.Min(offset + limit, 1000), columns, ct))
        {
            if (index++ < offset) continue;
            page.Add(new ArticleSummary(row.Id, row.Title, row.Abstract, (ArticleStatus)row.Status, row.CreatedAt, row.UpdatedAt));
            if (page.Count == limit) break;
        }
        return page;
    }

    public async Task<Article?> GetDraftAsync(long authorId, long id, CancellationToken ct)
    {
        var row = await rows.ReadDraftAsync(authorId, id, ct);
        if (row is null) return null;
        return new Article
        {
            Id = id, AuthorId = authorId, Title = row.Title, Abstract = row.Abstract,
            Content = await blobs.DownloadDraftAsync(authorId, id, row.ContentKey, ct),
            Status = (ArticleStatus)row.Status, Version = row.Version, CreatedAt = row.CreatedAt, UpdatedAt = row.UpdatedAt,
        };
    }

    public async Task<Article?> GetPublishedAsync(long id, CancellationToken ct)
    {
        if (await rows.ReadPublishedAsync(id, ct) is not { Status: (int)ArticleStatus.Published } row) return null;
        var (content, url) = await blobs.DownloadPublishedAsync(id, row.ContentKey, ct);
        return new Article
        {
            Id = id, AuthorId = row.AuthorId, Title = row.Title, Abstract = row.Abstract, Content = content,
            Status = ArticleStatus.Published, Version = row.Version, ContentUrl = url,
            CreatedAt = row.CreatedAt, UpdatedAt = row.UpdatedAt,
        };
    }

    public async Task<long?> PublishedAuthorAsync(long id, CancellationToken ct) =>
        await rows.ReadPublishedAsync(id, ct, [nameof(ArticleRow.Status), nameof(PublishedArticleEntity.AuthorId)]) is { Status: (int)ArticleStatus.Published } row
            ? row.AuthorId : null;

    /// <summary>
    /// A new article: an id drawn, claimed while the content uploads under it (one round trip for both, not two). A
    /// claim that loses (the id is another article's: same millisecond, same random bits) or fails deletes what was
    /// uploaded; a lost one draws again.
    /// </summary>
    private async Task<Article> ClaimWhileUploadingAsync(Article saved, string contentKey, bool publish, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var withId = saved with { Id = ids.Next() };
            var claim = claims.TryClaimAsync(withId.Id, withId.AuthorId, ct);
            try
            {
                await Task.WhenAll(claim, blobs.UploadAsync(withId, contentKey, publish, ct));
            }
            catch
            {
                await blobs.DeleteUploadQuietlyAsync(withId, contentKey, publish);
                throw;
            }
            if (await claim) return withId;
            await blobs.DeleteUploadQuietlyAsync(withId, contentKey, publish);
            if (attempt >= options.Value.WriteAttempts) throw new ArticleChangedException();
        }
    }

    /// <summary>
    /// Moves the draft row to <paramref name="saved"/> unless a newer save already holds it (this one is
    /// superseded). Returns the content key no row names now: the one the row named before (none for a new
    /// row), or this save's when it was superseded.
    /// </summary>
    private async Task<string?> MoveDraftRowAsync(Article saved, string contentKey, DraftArticleEntity? current, CancellationToken ct)
    {
        var drafts = await rows.DraftsAsync(ct);
        var row = ArticleRows.ToDraftRow(saved, contentKey);
        return await TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, async () =>
        {
            if (current is not null && current.Version >= saved.Version) return contentKey;
            if (current is null) await drafts.AddEntityAsync(row, ct);
            else await drafts.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, ct);
            return current?.ContentKey;
        }, beforeRetry: async () => current = await rows.ReadDraftAsync(saved.AuthorId, saved.Id, ct));
    }

    /// <summary>
    /// Won when this version became the published copy, not when a newer one already is; Unused, the content key
    /// no row names now (the one the row named before, or this save's when it lost). <paramref name="current"/>
    /// is the row as the save read it before uploading (null for a new id); when another save moved it since, the
    /// ETag condition fails and the row is read again, as after any lost race.
    /// </summary>
    private async Task<(bool Won, string? Unused)> MovePublishedRowAsync(Article saved, string contentKey, PublishedArticleEntity? current, CancellationToken ct)
    {
        var published = await rows.PublishedAsync(ct);
        var row = ArticleRows.ToPublishedRow(saved, contentKey);
        OutboxEntity? events = null;
        var moved = await TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, async () =>
        {
            if (current is not null && (current.Version >= saved.Version || current.AuthorId != saved.AuthorId)) return (false, contentKey);
            // A publication that goes on keeps its start: an edit published again does not move the article up the feeds.
            row.PublishedAt = current is { Status: (int)ArticleStatus.Published } ? current.PublishedAtOrUpdated : time.GetUtcNow().ToUnixTimeMilliseconds();
            events = TableOutbox.Stage(row.PartitionKey, [Event(ArticleEvent.Published, saved.Id, saved.AuthorId, row.PublishedAt)]);
            await published.SubmitTransactionAsync(
            [
                current is null ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, current.ETag),
                new(TableTransactionActionType.Add, events),
            ], ct);
            return (true, current?.ContentKey);
        }, beforeRetry: async () => current = await rows.ReadPublishedAsync(saved.Id, ct));
        if (moved.Item1) await outbox.RelayQuietlyAsync(published, events!, ct);
        return moved;
    }

    private OutboxEvent Event(string type, long articleId, long authorId, long publishedAt) =>
        new(feed.Value.ArticleEventTopic, authorId.ToString(CultureInfo.InvariantCulture), JsonSerializer.Serialize(
            new ArticleEvent(Guid.NewGuid().ToString("N"), type, articleId, authorId, publishedAt, time.GetUtcNow().ToUnixTimeMilliseconds()), WebookJson.Options));

    /// <summary>
    /// After a failed save: deletes its blobs unless a row names them (a write that timed out may still
    /// have landed). If the rows cannot be read, or a delete fails, the blobs are left to the sweep.
    /// </summary>
    private async Task CleanUpAsync(Article saved, string contentKey, bool publish)
    {
        try
        {
            if ((await rows.ReadDraftAsync(saved.AuthorId, saved.Id, CancellationToken.None))?.ContentKey != contentKey)
                await blobs.DeleteDraftQuietlyAsync(saved.AuthorId, saved.Id, contentKey);
            if (publish && (await rows.ReadPublishedAsync(saved.Id, CancellationToken.None))?.ContentKey != contentKey)
                await blobs.DeletePublicQuietlyAsync(saved.Id, contentKey);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not clean up the blobs of a failed save of article {ArticleId}; the sweep will", saved.Id);
        }
    }
}
