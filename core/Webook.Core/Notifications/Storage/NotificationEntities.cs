using Azure;
using Azure.Data.Tables;

namespace Webook.Core.Notifications.Storage;

/// <summary>
/// The notifications table: one partition per recipient ("user-{id}") with the notifications newest first
/// ("{partition}-n-{2^53 - 1 - id:D16}"), an index row per active follow notification ("{partition}-follow-{follower}",
/// naming the notification an unfollow withdraws), and the read mark ("{partition}-read").
/// </summary>
internal static class NotificationRows
{
    private const long MaxId = (1L << 53) - 1;

    public static string Partition(long userId) => "user-" + userId;
    public static string Notification(string partition, long id) => $"{NotificationPrefix(partition)}{MaxId - id:D16}";
    public static string NotificationPrefix(string partition) => $"{partition}-n-";
    public static string Follow(string partition, long follower) => $"{partition}-follow-{follower}";
    public static string Comment(string partition, long commentId) => $"{partition}-comment-{commentId}";
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

public sealed class ReadMarkEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long UpTo { get; set; }
}
