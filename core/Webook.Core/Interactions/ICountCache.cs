namespace Webook.Core.Interactions;

/// <summary>Cached counts per article, replaced only by a newer version.</summary>
public interface ICountCache
{
    Task<InteractionCounts?> GetAsync(long articleId, CancellationToken ct);

    /// <summary>Stores the counts unless the cache already has this version or a newer one; does not wait.</summary>
    void SetIfNewer(InteractionCounts counts);
}
