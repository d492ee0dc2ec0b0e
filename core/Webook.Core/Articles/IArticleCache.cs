namespace Webook.Core.Articles;

/// <summary>What readers and authors are likely to ask for next: an author's first list page, a draft, a published copy.</summary>
public interface IArticleCache
{
    Task<IReadOnlyList<ArticleSummary>?> GetFirstPageAsync(long authorId, CancellationToken ct);
    Task SetFirstPageAsync(long authorId, IReadOnlyList<ArticleSummary> page, CancellationToken ct);
    Task RemoveFirstPageAsync(long authorId, CancellationToken ct);

    Task<Article?> GetDraftAsync(long id, CancellationToken ct);
    /// <summary>Caches the draft unless a newer version of it is cached.</summary>
    Task SetDraftAsync(Article draft, CancellationToken ct);
    Task RemoveDraftAsync(long id, CancellationToken ct);

    Task<Article?> GetPublishedAsync(long id, CancellationToken ct);
    /// <summary>Caches the published copy unless a newer version of it is cached.</summary>
    Task SetPublishedAsync(Article published, CancellationToken ct);
    Task RemovePublishedAsync(long id, CancellationToken ct);
}
