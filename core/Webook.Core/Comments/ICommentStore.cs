namespace Webook.Core.Comments;

/// <summary>
/// A comment on a published article: a root (<see cref="RootId"/> 0) or a reply under a root, answering
/// <see cref="ParentId"/> (the root or another reply) whose author is <see cref="ReplyToUserId"/>.
/// </summary>
public sealed record Comment(long Id, long ArticleId, long UserId, string Content, long RootId, long ParentId, long ReplyToUserId,
    long ReplyCount, long Ctime)
{
    public bool IsRoot => RootId == 0;
}

/// <summary>An article's comment count; <see cref="Version"/> grows by one with every change (0: never commented).</summary>
public readonly record struct CommentCount(long ArticleId, long Version, long Count);

/// <summary>
/// Receives every comment count the table accepted, for a copy that can be read in bulk (the hot list's, which
/// implements it). Told after the table write and without waiting: the copy keeps the highest version it was given.
/// </summary>
public interface ICommentCountsMirror
{
    void Offer(CommentCount count);
}

/// <summary>Where a comment id lives: its article and its root (0 for a root).</summary>
public sealed record CommentPlace(long ArticleId, long RootId);

/// <summary>
/// Comments one level deep, per article, with the article's exact count and each root's exact reply count. A new
/// comment's id is claimed first, so ids never collide.
/// </summary>
public interface ICommentStore
{
    /// <summary>
    /// Posts a comment, with its event (<see cref="CommentEvent"/>, naming <paramref name="articleAuthor"/>); null when the
    /// parent is gone or in another article (nothing written then).
    /// </summary>
    Task<Comment?> AddAsync(long articleId, long articleAuthor, long userId, string content, long? parentId, CancellationToken ct);

    Task<Comment?> GetAsync(long commentId, CancellationToken ct);

    /// <summary>Deletes a comment, with its event; a root takes its replies. False when it was not there.</summary>
    Task<bool> DeleteAsync(Comment comment, long articleAuthor, CancellationToken ct);

    Task<CommentCount> CountAsync(long articleId, CancellationToken ct);

    /// <summary>Roots with ids below <paramref name="beforeId"/> (null: from the newest), newest first.</summary>
    Task<IReadOnlyList<Comment>> RootsAsync(long articleId, long? beforeId, int limit, CancellationToken ct);

    /// <summary>Replies under a root with ids above <paramref name="afterId"/> (null: from the first), oldest first.</summary>
    Task<IReadOnlyList<Comment>> RepliesAsync(long articleId, long rootId, long? afterId, int limit, CancellationToken ct);
}

/// <summary>
/// What comments need to know of articles, asked through this port so that Comments does not depend on Articles (which
/// implements it): the author of a published article, or null when readers cannot see it.
/// </summary>
public interface ICommentedArticles
{
    Task<long?> PublishedAuthorAsync(long articleId, CancellationToken ct);
}
