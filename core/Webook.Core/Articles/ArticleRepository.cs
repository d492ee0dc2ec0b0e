using Webook.Core.Comments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Interactions;
using Webook.Core.Ranking;

namespace Webook.Core.Articles;

/// <summary>
/// The store behind three caches. Writes drop the author's first page; saving replaces the cached draft;
/// publishing sets the published copy (readers arrive right after); withdrawing drops it. Cached copies
/// are only ever replaced by newer versions, so concurrent writers cannot leave an older one behind. A
/// cache failure is logged and never fails the request.
/// </summary>
public sealed class ArticleRepository(IArticleStore store, IArticleCache cache, IHotListJournal hotList, IOptions<ArticleOptions> options,
    CacheMetrics metrics, ILogger<ArticleRepository> logger) : IPublishedArticles, ICommentedArticles
{
    public async Task<Article?> SaveAsync(Article draft, bool publish, CancellationToken ct)
    {
        var saved = await store.SaveAsync(draft, publish, ct);
        if (saved is null) return null;
        // Three keys, none depending on another: sent at once.
        var firstPage = Quietly(() => cache.RemoveFirstPageAsync(saved.AuthorId, ct));
        var cachedDraft = Quietly(() => cache.SetDraftAsync(saved, ct));
        if (saved.ContentUrl is not null)
        {
            await Quietly(() => cache.SetPublishedAsync(saved, ct));
            Tell(hotList, saved.Id);
        }
        await Task.WhenAll(firstPage, cachedDraft);
        return saved;
    }

    public async Task<bool> WithdrawAsync(long authorId, long id, CancellationToken ct)
    {
        // Dropped before the store writes too, so no reader is served the copy while it is being withdrawn.
        await Quietly(() => cache.RemovePublishedAsync(id, ct));
        if (!await store.WithdrawAsync(authorId, id, ct)) return false;
        Tell(hotList, id);
        await Quietly(() => cache.RemovePublishedAsync(id, ct));
        await Quietly(() => cache.RemoveDraftAsync(id, ct));
        await Quietly(() => cache.RemoveFirstPageAsync(authorId, ct));
        return true;
    }

    public async Task<IReadOnlyList<ArticleSummary>> ListAsync(long authorId, int offset, int limit, CancellationToken ct)
    {
        var pageSize = options.Value.FirstPageSize;
        if (offset + limit > pageSize) return await store.ListAsync(authorId, offset, limit, ct);

        var first = await metrics.ReadAsync(CacheMetrics.ArticleLists, () => cache.GetFirstPageAsync(authorId, ct), logger);
        if (first is null)
        {
            first = await store.ListAsync(authorId, 0, pageSize, ct);
            await Quietly(() => cache.SetFirstPageAsync(authorId, first, ct));
            if (first.Count > 0) await PreloadDraftAsync(authorId, first[0].Id, ct);
        }
        return first.Skip(offset).Take(limit).ToList();
    }

    public async Task<Article?> GetDraftAsync(long authorId, long id, CancellationToken ct)
    {
        var cached = await metrics.ReadAsync(CacheMetrics.Drafts, () => cache.GetDraftAsync(id, ct), logger);
        if (cached is not null) return cached.AuthorId == authorId ? cached : null;
        var draft = await store.GetDraftAsync(authorId, id, ct);
        if (draft is not null) await Quietly(() => cache.SetDraftAsync(draft, ct));
        return draft;
    }

    public async Task<Article?> GetPublishedAsync(long id, CancellationToken ct)
    {
        var cached = await metrics.ReadAsync(CacheMetrics.Published, () => cache.GetPublishedAsync(id, ct), logger);
        if (cached is not null) return cached;
        var published = await store.GetPublishedAsync(id, ct);
        if (published is not null) await Quietly(() => cache.SetPublishedAsync(published, ct));
        return published;
    }

    /// <summary>A cached published copy answers; else the published row alone (its content is not read, nor cached).</summary>
    public async Task<long?> PublishedAuthorAsync(long articleId, CancellationToken ct) =>
        (await metrics.ReadAsync(CacheMetrics.Published, () => cache.GetPublishedAsync(articleId, ct), logger))?.AuthorId
        ?? await store.PublishedAuthorAsync(articleId, ct);

    // The newest article is the one an author most often opens right after looking at the list.
    private async Task PreloadDraftAsync(long authorId, long id, CancellationToken ct)
    {
        try
        {
            var draft = await store.GetDraftAsync(authorId, id, ct);
            if (draft is not null) await cache.SetDraftAsync(draft, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not preload draft {ArticleId}", id);
        }
    }

    // The published row changed: the hot list reads it again on its next run.
    private void Tell(IHotListJournal journal, long id)
    {
        try
        {
            journal.ArticleChanged(id);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not tell the hot list that article {ArticleId} changed; its next rebuild finds it", id);
        }
    }

    private async Task Quietly(Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Article cache operation failed");
        }
    }
}
