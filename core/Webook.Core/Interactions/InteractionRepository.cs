using Microsoft.Extensions.Logging;
using Webook.Core.Common;

namespace Webook.Core.Interactions;

/// <summary>
/// The table behind the count and reader-state caches: every change the table accepts is offered to them; a cache
/// failure never fails a request.
/// </summary>
public sealed class InteractionRepository(IInteractionStore store, ICountCache cache, IReaderStateCache readers, ICountsMirror mirror, CacheMetrics metrics,
    ILogger<InteractionRepository> logger)
{
    public Task<InteractionCounts?> SetLikeAsync(long articleId, long articleAuthor, long userId, bool like, CancellationToken ct) =>
        Offer(store.SetLikeAsync(articleId, articleAuthor, userId, like, ct), userId);

    public Task<InteractionCounts?> SetCollectAsync(long articleId, long articleAuthor, long userId, long collectionId, bool collect, CancellationToken ct) =>
        Offer(store.SetCollectAsync(articleId, articleAuthor, userId, collectionId, collect, ct), userId);

    public Task<InteractionCounts?> AddReadsAsync(long articleId, IReadOnlyCollection<EventPosition> reads, CancellationToken ct) =>
        Offer(store.AddReadsAsync(articleId, reads, ct));

    public async Task<InteractionCounts> GetCountsAsync(long articleId, CancellationToken ct)
    {
        if (await metrics.ReadAsync(CacheMetrics.Counts, () => cache.GetAsync(articleId, ct), logger) is { } cached) return cached;
        var counts = await store.GetCountsAsync(articleId, ct);
        // Zeros too (version 0): the first change, version 1, replaces them.
        Quietly(CacheMetrics.Counts, articleId, () => cache.SetIfNewer(counts));
        return counts;
    }

    /// <summary>
    /// Whether the reader likes and collected the article. <paramref name="counts"/> is the article's counts as this
    /// request reads them: their version, known before the table is asked, labels what the cache keeps.
    /// </summary>
    public async Task<UserInteraction> GetUserInteractionAsync(long articleId, long userId, Task<InteractionCounts> counts, CancellationToken ct)
    {
        if (await metrics.ReadAsync(CacheMetrics.ReaderStates, () => readers.GetAsync(articleId, userId, ct), logger) is { } cached)
            return cached;
        var version = (await counts).Version;
        var state = await store.GetUserInteractionAsync(articleId, userId, ct);
        Quietly(CacheMetrics.ReaderStates, articleId, () => readers.SetIfNewer(articleId, userId, version, state));
        return state;
    }

    private async Task<InteractionCounts?> Offer(Task<InteractionCounts?> change, long? userId = null)
    {
        var counts = await change;
        if (counts is null) return null;
        Quietly(CacheMetrics.Counts, counts.ArticleId, () => cache.SetIfNewer(counts));
        Quietly(CacheMetrics.HotListCounts, counts.ArticleId, () => mirror.Offer(counts));
        if (userId is { } reader) Quietly(CacheMetrics.ReaderStates, counts.ArticleId, () => readers.Changed(counts.ArticleId, reader, counts.Version));
        return counts;
    }

    // The cache writes are fire-and-forget (they do not wait for Redis), so what can be caught here is a write that could
    // not be sent at all, to either cache; one Redis refuses later is not seen. The table holds the change either way.
    private void Quietly(string cacheName, long articleId, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e)
        {
            logger.LogWarning(e,
                "Could not send the {Cache} cache write of article {ArticleId}; the request goes on, and that cache keeps what it had (a miss, or an older entry until its lifetime ends)",
                cacheName, articleId);
        }
    }
}
