using Azure;
using Azure.Data.Tables;

namespace Webook.Core.Comments.Storage;

/// <summary>
/// The comments table. Per article, partition "article-{id}": its count row, its roots ("root-{inverted id}", newest
/// first) and their replies ("reply-{root}-{id}", oldest first under their root), ids fixed-width so they sort as
/// numbers. Per comment, partition "comment-{id}": one row naming its article and root, written first (so a drawn id
/// that is taken is drawn again) and read to find a comment by its id alone.
/// </summary>
internal static class CommentRows
{
    public const string RootPrefix = "root-";
    public const string RootEnd = "root.";

    private const long Max = (1L << 53) - 1;

    public static string Article(long articleId) => "article-" + articleId;
    public static string Count(string partition) => "count-" + partition;
    public static string Place(long commentId) => "comment-" + commentId;
    public static string Root(long id) => $"{RootPrefix}{Max - id:D16}";
    public static string RepliesOf(long rootId) => $"reply-{rootId:D16}-";
    public static string RepliesEnd(long rootId) => $"reply-{rootId:D16}.";
    public static string Reply(long rootId, long id) => $"{RepliesOf(rootId)}{id:D16}";
    public static string Of(long id, long rootId) => rootId == 0 ? Root(id) : Reply(rootId, id);
}

public sealed class CommentEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long Id { get; set; }
    public long ArticleId { get; set; }
    public long UserId { get; set; }
    public string Content { get; set; } = "";
    /// <summary>0 for a root.</summary>
    public long RootId { get; set; }
    public long ParentId { get; set; }
    public long ReplyToUserId { get; set; }
    /// <summary>On a root: its replies, moved with each in the same transaction.</summary>
    public long ReplyCount { get; set; }
    public long Ctime { get; set; }
}

public sealed class CommentPlaceEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long ArticleId { get; set; }
    public long RootId { get; set; }
}

public sealed class CommentCountEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long Count { get; set; }
    /// <summary>Grows by one with every change, so a copy elsewhere keeps the newest.</summary>
    public long Version { get; set; }
}
