namespace Webook.Core.Articles;

/// <summary>Articles of record: drafts and published copies in tables, their content in blobs.</summary>
public interface IArticleStore
{
    /// <summary>
    /// Saves <paramref name="draft"/> (Id 0 creates one) as its next version, and with
    /// <paramref name="publish"/> also as the published copy. Null when the id is not one of the author's.
    /// Concurrent saves of one article all succeed and the newest wins; <see cref="ArticleChangedException"/>
    /// only if Articles:WriteAttempts runs out.
    /// The result has a ContentUrl only when it became the published copy (a concurrent newer publish may win).
    /// </summary>
    Task<Article?> SaveAsync(Article draft, bool publish, CancellationToken ct);

    /// <summary>Both copies private and the public content deleted; false when the id is not one of the author's.</summary>
    Task<bool> WithdrawAsync(long authorId, long id, CancellationToken ct);

    /// <summary>The author's articles, newest first.</summary>
    Task<IReadOnlyList<ArticleSummary>> ListAsync(long authorId, int offset, int limit, CancellationToken ct);

    Task<Article?> GetDraftAsync(long authorId, long id, CancellationToken ct);

    /// <summary>The published copy, or null when there is none or it is private.</summary>
    Task<Article?> GetPublishedAsync(long id, CancellationToken ct);

    /// <summary>The author of an article readers can see, or null: its published row alone, no content read.</summary>
    Task<long?> PublishedAuthorAsync(long id, CancellationToken ct);
}
