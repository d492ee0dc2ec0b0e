using Webook.Core.Interactions;

namespace Webook.Core.Collections;

/// <summary>
/// A collection of the user's, with how many articles it holds; <see cref="Id"/> 0 is the default one.
/// <see cref="Changed"/>: when its row last changed (a deletion in progress moves it with every batch).
/// </summary>
public sealed record Collection(long Id, string Name, string Description, long Count, long Ctime, bool Deleting, DateTimeOffset Changed);

/// <summary>An article in a reader's list, and when it entered it (Unix ms).</summary>
public readonly record struct ListEntry(long ArticleId, long At);

/// <summary>
/// The per-user side of likes and collects (what <see cref="IReaderLists"/> asks) and the collections themselves. A
/// collection's count changes in the transaction that adds or removes its articles, so it always equals them.
/// </summary>
public interface ICollectionStore : IReaderLists
{
    Task<IReadOnlyList<ListEntry>> LikedAsync(long userId, int offset, int limit, CancellationToken ct);

    Task<IReadOnlyList<ListEntry>> CollectedAsync(long userId, long collectionId, int offset, int limit, CancellationToken ct);

    /// <summary>Every collection of the user's, the ones being deleted too; the default only once it was used or named.</summary>
    Task<IReadOnlyList<Collection>> ListAsync(long userId, CancellationToken ct);

    /// <summary>A new collection's id.</summary>
    Task<long> CreateAsync(long userId, string name, string description, CancellationToken ct);

    /// <summary>Names a collection (0 included); false when it is not the user's or is being deleted.</summary>
    Task<bool> RenameAsync(long userId, long collectionId, string name, string description, CancellationToken ct);

    /// <summary>Moves an article between two of the user's collections; false when it was not in <paramref name="from"/> or <paramref name="to"/> is gone.</summary>
    Task<bool> MoveAsync(long userId, long articleId, long from, long to, CancellationToken ct);

    /// <summary>Marks the collection as being deleted; false when the user has no such collection.</summary>
    Task<bool> BeginDeletingAsync(long userId, long collectionId, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> of the articles still in it.</summary>
    Task<IReadOnlyList<long>> ArticlesInAsync(long userId, long collectionId, int limit, CancellationToken ct);

    /// <summary>Takes these articles out of it (its count moved with them).</summary>
    Task RemoveAsync(long userId, long collectionId, IReadOnlyList<long> articleIds, CancellationToken ct);

    /// <summary>The collection's own row, once it is empty; false when an article is (still or again) in it.</summary>
    Task<bool> DeleteEmptyAsync(long userId, long collectionId, CancellationToken ct);

    Task<bool> HoldsAsync(long userId, long collectionId, long articleId, CancellationToken ct);
}

/// <summary>
/// What the lists need of articles, asked through this port so that Collections does not depend on Articles (which
/// implements it): the published ones among these ids, without their content.
/// </summary>
public interface IListedArticles
{
    Task<IReadOnlyList<ListedArticle>> PublishedAsync(IReadOnlyCollection<long> ids, CancellationToken ct);
}

public sealed record ListedArticle(long Id, long AuthorId, string Title, string Abstract, long Utime);
