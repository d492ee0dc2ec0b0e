namespace Webook.Core.Comments;

/// <summary>
/// The first page of an article's comments (the answer's bytes, per limit), shared by every instance. A page is stored
/// only if the article's comments did not change since <see cref="GenerationAsync"/> was read before the page was, so
/// a page read before a change is never kept after it.
/// </summary>
public interface ICommentPageCache
{
    Task<byte[]?> GetAsync(long articleId, int limit, CancellationToken ct);

    /// <summary>The article's generation now; read it before reading the page from the table.</summary>
    Task<long> GenerationAsync(long articleId, CancellationToken ct);

    Task SetAsync(long articleId, int limit, long generation, byte[] page, CancellationToken ct);

    /// <summary>A comment of the article was posted or deleted: its pages go, and pages read before now are not stored.</summary>
    Task ChangedAsync(long articleId, CancellationToken ct);
}
