using Webook.Core.Articles;

namespace Webook.Core.Interactions;

/// <summary>Likes, collections and reads of published articles; an article readers cannot see cannot be liked or collected.</summary>
public sealed class InteractionService(
    InteractionRepository interactions, ArticleRepository articles, IReadEventPublisher reads, TimeProvider time)
{
    /// <summary>False when no published article has this id. Liking twice, or taking back what was not liked, changes nothing.</summary>
    public async Task<bool> LikeAsync(long userId, long articleId, bool like, CancellationToken ct)
    {
        if (await articles.GetPublishedAsync(articleId, ct) is null) return false;
        await interactions.SetLikeAsync(articleId, userId, like, ct);
        return true;
    }

    public async Task<bool> CollectAsync(long userId, long articleId, long collectionId, bool collect, CancellationToken ct)
    {
        if (await articles.GetPublishedAsync(articleId, ct) is null) return false;
        await interactions.SetCollectAsync(articleId, userId, collectionId, collect, ct);
        return true;
    }

    /// <summary>
    /// A reader opened the article: the read goes to the read-event topic (counted later, in batches) and the
    /// reader gets the counts and, when logged in, whether they like and collected it.
    /// </summary>
    public async Task<(InteractionCounts Counts, UserInteraction Mine)> OpenAsync(long articleId, long? userId, CancellationToken ct)
    {
        reads.Publish(new ReadEvent(userId ?? 0, articleId, time.GetUtcNow().ToUnixTimeMilliseconds()));
        var counts = interactions.GetCountsAsync(articleId, ct);
        var mine = userId is { } id ? await interactions.GetUserInteractionAsync(articleId, id, counts, ct) : default;
        return (await counts, mine);
    }
}
