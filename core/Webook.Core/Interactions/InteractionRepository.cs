using Microsoft.Extensions.Logging;
using Webook.Core.Common;

namespace Webook.Core.Interactions;

/// <summary>The table behind the count cache: every change the table accepts is offered to the cache; a cache failure never fails a request.</summary>
public sealed class InteractionRepository(IInteractionStore store, ICountCache cache, CacheMetrics metrics, ILogger<InteractionRepository> logger)
{
    public Task<InteractionCounts?> SetLikeAsync(long articleId, long userId, bool like, CancellationToken ct) =>
        Offer(store.SetLikeAsync(articleId, userId, like, ct));

    public Task<InteractionCounts?> SetCollectAsync(long articleId, long userId, long collectionId, bool collect, CancellationToken ct) =>
        Offer(store.SetCollectAsync(articleId, userId, collectionId, collect, ct));

    public Task<InteractionCounts?> AddReadsAsync(long articleId, IReadOnlyCollection<EventPosition> reads, CancellationToken ct) =>
        Offer(store.AddReadsAsync(articleId, reads, ct));

    public async Task<InteractionCounts> GetCountsAsync(long articleId, CancellationToken ct)
    {
        if (await metrics.ReadAsync(CacheMetrics.Counts, () => cache.GetAsync(articleId, ct), logger) is { } cached) return cached;
        var counts = await store.GetCountsAsync(articleId, ct);
        // Zeros too (version 0): the first change, version 1, replaces them.
        Quietly(() => cache.SetIfNewer(counts));
        return counts;
    }

    public Task<UserInteraction> GetUserInteractionAsync(long articleId, long userId, CancellationToken ct) =>
        store.GetUserInteractionAsync(articleId, userId, ct);

    private async Task<InteractionCounts?> Offer(Task<InteractionCounts?> change)
    {
        var counts = await change;
        if (counts is not null) Quietly(() => cache.SetIfNewer(counts));
        return counts;
    }

    private void Quietly(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Count cache write failed");
        }
    }
}
