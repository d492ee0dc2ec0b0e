namespace Webook.Core.Interactions;

/// <summary>
/// Each logged-in reader's own like and collect state per article, labelled with the version of the article's
/// counts seen before the state was read from the table. Every like or collect commits a new counts version, so
/// a change at version V makes any state labelled below V unusable, whichever order the cache writes arrive in.
/// </summary>
public interface IReaderStateCache
{
    /// <summary>The cached state, or null when there is none usable.</summary>
    Task<UserInteraction?> GetAsync(long articleId, long userId, CancellationToken ct);

    /// <summary>
    /// Caches <paramref name="state"/>, read from the table after counts version <paramref name="version"/> was seen,
    /// unless the cache knows of a change at a later version; does not wait.
    /// </summary>
    void SetIfNewer(long articleId, long userId, long version, UserInteraction state);

    /// <summary>The reader changed their state in counts version <paramref name="version"/>; does not wait.</summary>
    void Changed(long articleId, long userId, long version);
}

