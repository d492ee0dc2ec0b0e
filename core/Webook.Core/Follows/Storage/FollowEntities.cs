using Azure;
using Azure.Data.Tables;

namespace Webook.Core.Follows.Storage;

/// <summary>
/// The follows table. Each user has two partitions: "followees-{id}" (whom they follow) and "followers-{id}" (who
/// follows them). Each holds, per other user, an edge row ("{partition}-user-{other}", point-read by a check; the
/// partition repeated so that no two rows of the table share a RowKey, see WebookTables) and a time row
/// ("time-{inverted ms}-{other}", scanned newest first by a list), and one count row. The followees side also holds an
/// intent row per other user while a change's second write is outstanding.
/// </summary>
internal static class FollowRows
{
    public const string TimePrefix = "time-";
    public const string TimeEnd = "time.";
    public const string IntentPrefix = "intent-";
    public const string IntentEnd = "intent.";

    // Unix ms up to the year 2286, so inverted times sort newest first as fixed-width strings.
    private const long LatestMs = 9_999_999_999_999;

    public static string Followees(long userId) => "followees-" + userId;
    public static string Followers(long userId) => "followers-" + userId;
    public static string Count(string partition) => "count-" + partition;
    public static string Edge(string partition, long other) => $"{partition}-user-{other}";
    public static string Time(long since, long other) => $"{TimePrefix}{LatestMs - since:D13}-{other}";
    public static string Intent(long followee) => IntentPrefix + followee;
}

/// <summary>An edge row, or its time row (the same fields; a time row's TimeRow is empty).</summary>
public sealed class FollowEdgeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long Other { get; set; }
    /// <summary>When the follow began, Unix ms; both sides carry the follower side's time.</summary>
    public long Since { get; set; }
    /// <summary>On an edge row, the RowKey of its time row, deleted with it.</summary>
    public string TimeRow { get; set; } = "";
}

public sealed class FollowCountEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    /// <summary>Edges in this partition: followees on the followees side, followers on the followers side.</summary>
    public long Count { get; set; }
}

/// <summary>A change written on the follower's side whose followee side may not be yet; its Timestamp says since when.</summary>
public sealed class FollowIntentEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long Follower { get; set; }
    public long Followee { get; set; }
    public bool Follow { get; set; }
    /// <summary>The change's event id: the same however often the event is sent (a crash's repair sends it again).</summary>
    public string EventId { get; set; } = "";
    /// <summary>When the change was made, Unix ms.</summary>
    public long At { get; set; }
}
