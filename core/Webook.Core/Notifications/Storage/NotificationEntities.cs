using Azure;
using Azure.Data.Tables;

namespace Webook.Core.Notifications.Storage;

/// <summary>
/// The notifications table: one partition per recipient ("user-{id}") with the notifications newest first
/// ("{partition}-n-{2^53 - 1 - id:D16}"), an index row per active follow notification ("{partition}-follow-{follower}",
/// naming the notification an unfollow withdraws) and per comment ("{partition}-comment-{id}"), the fold groups of likes
/// and collects ("{partition}-{type}s-{article}-{2^53 - 1 - start:D16}", newest first) with a row per actor naming the
/// group that counts them ("{partition}-{type}-{article}-{actor}"), and the read mark ("{partition}-read").
/// </summary>
internal static class NotificationRows
{
    private const long MaxId = (1L << 53) - 1;

    public static string Partition(long userId) => "user-" + userId;
    public static string Notification(string partition, long id) => $"{NotificationPrefix(partition)}{MaxId - id:D16}";
    public static string NotificationPrefix(string partition) => $"{partition}-n-";
    public static string Follow(string partition, long follower) => $"{partition}-follow-{follower}";
    public static string Comment(string partition, long commentId) => $"{partition}-comment-{commentId}";
    public static string FoldActor(string partition, string type, long articleId, long actor) => $"{FoldActorPrefix(partition, type, articleId)}{actor}";
    public static string FoldActorPrefix(string partition, string type, long articleId) => $"{partition}-{type}-{articleId}-";
    public static string FoldGroup(string partition, string type, long articleId, long start) => $"{FoldGroupPrefix(partition, type, articleId)}{MaxId - start:D16}";
    public static string FoldGroupPrefix(string partition, string type, long articleId) => $"{partition}-{type}s-{articleId}-";
    public static string ReadMark(string partition) => $"{partition}-read";
    public static string End(string prefix) => prefix[..^1] + '.';
}

public sealed class NotificationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long Id { get; set; }
    public string Type { get; set; } = "";
    public long ActorId { get; set; }
    public int Count { get; set; } = 1;
    public long? ArticleId { get; set; }
    public long? CommentId { get; set; }
    public string? CommentContent { get; set; }
    public long Ctime { get; set; }
    /// <summary>The event that made it.</summary>
    public string EventId { get; set; } = "";
}

/// <summary>
/// Names the notification of a follow (or a comment), so that the unfollow (or the deletion) can withdraw it; kept
/// empty after that, with the time, so that an older event arriving late changes nothing.
/// </summary>
public sealed class FollowNoticeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string NotificationRow { get; set; } = "";
    public long At { get; set; }
}

/// <summary>
/// The likes (or collects) of one article that one notification counts: those that came within
/// Notifications:FoldWindow of <see cref="Start"/>. The notification moves up (a new row, a new id: unread again) with
/// every like it takes in, and stays where it is when one is taken back.
/// </summary>
public sealed class FoldGroupEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string NotificationRow { get; set; } = "";
    public long Start { get; set; }
    public long LastAt { get; set; }
    public int Count { get; set; }
}

/// <summary>
/// One actor's like (or collect) of one article: the group counting it (empty: not counted now, taken back), and the
/// article's counts version of the last event applied, so an older event arriving late changes nothing.
/// </summary>
public sealed class FoldActorEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long Actor { get; set; }
    public string GroupRow { get; set; } = "";
    public long Version { get; set; }
}

public sealed class ReadMarkEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long UpTo { get; set; }
}
