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

    /// <param name="recordChanged">
    /// The article's record changed with this request, so the reader's list most likely shows the opposite: a like is
    /// then written without reading the list first (an entry already there, from a request that failed after it,
    /// refuses the write and is kept).
    /// </param>
    Task SetLikedAsync(long userId, long articleId, bool liked, bool recordChanged, CancellationToken ct);

    Task SetCollectedAsync(long userId, long articleId, long collectionId, bool collected, CancellationToken ct);
}
