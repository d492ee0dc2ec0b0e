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

    /// <summary>A reader opened the article: the read goes to the read-event topic, to be counted later in batches.</summary>
    public void Opened(long articleId, long? userId) =>
        reads.Publish(new ReadEvent(userId ?? 0, articleId, time.GetUtcNow().ToUnixTimeMilliseconds()));

    public Task<InteractionCounts> CountsAsync(long articleId, CancellationToken ct) => interactions.GetCountsAsync(articleId, ct);

    /// <summary>Whether the reader likes and collected the article; <paramref name="counts"/> is this request's read of its counts.</summary>
    public Task<UserInteraction> ReaderStateAsync(long articleId, long userId, Task<InteractionCounts> counts, CancellationToken ct) =>
        interactions.GetUserInteractionAsync(articleId, userId, counts, ct);
}
