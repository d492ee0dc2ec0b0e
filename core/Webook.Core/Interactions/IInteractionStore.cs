namespace Webook.Core.Interactions;

/// <summary>
/// Like and collect records and the counts they change, written together so they never disagree. The
/// changing calls answer the counts after the change, or null when nothing changed (liking twice,
/// taking back what was not there, read events already applied).
/// </summary>
public interface IInteractionStore
{
    /// <summary>A like, and its <see cref="InteractionEvent"/> (naming <paramref name="articleAuthor"/>) staged with it.</summary>
    Task<InteractionCounts?> SetLikeAsync(long articleId, long articleAuthor, long userId, bool like, CancellationToken ct);

    Task<InteractionCounts?> SetCollectAsync(long articleId, long articleAuthor, long userId, long collectionId, bool collect, CancellationToken ct);

    /// <summary>Counts one read per position not applied before (per topic partition, offsets only grow).</summary>
    Task<InteractionCounts?> AddReadsAsync(long articleId, IReadOnlyCollection<EventPosition> reads, CancellationToken ct);

    Task<InteractionCounts> GetCountsAsync(long articleId, CancellationToken ct);

    Task<UserInteraction> GetUserInteractionAsync(long articleId, long userId, CancellationToken ct);
}
