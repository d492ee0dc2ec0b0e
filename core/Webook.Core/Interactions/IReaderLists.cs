namespace Webook.Core.Interactions;

/// <summary>
/// The reader's own lists of what they liked and collected, kept per user beside the per-article records (Collections
/// implements it; Interactions does not depend on Collections). Told after the article's records changed, and asked to
/// agree with what was asked whether or not the records changed, so a repeated like mends a list a failure left behind.
/// </summary>
public interface IReaderLists
{
    /// <summary>Whether <paramref name="collectionId"/> is one of the user's usable collections (0, the default, always is).</summary>
    Task<bool> IsCollectionOfAsync(long userId, long collectionId, CancellationToken ct);

    Task SetLikedAsync(long userId, long articleId, bool liked, CancellationToken ct);

    Task SetCollectedAsync(long userId, long articleId, long collectionId, bool collected, CancellationToken ct);
}
