using Azure;
using Azure.Data.Tables;

namespace Webook.Core.Collections.Storage;

/// <summary>
/// The collections table: one partition per user ("user-{id}") holds what the user liked and collected, by article and
/// by time, and their collections with a count each, so a collection's count and its articles change in one
/// transaction. Rows read or written one at a time repeat the partition in their RowKey (no two rows of the table share
/// one, see WebookTables); time rows ("…time-{inverted ms}-{article}", scanned newest first) are unique by time and id.
/// </summary>
internal static class CollectionRows
{
    // Unix ms up to the year 2286, so inverted times sort newest first as fixed-width strings.
    private const long LatestMs = 9_999_999_999_999;

    public static string Partition(long userId) => "user-" + userId;

    public static string Liked(string partition, long articleId) => $"{partition}-liked-{articleId}";
    public const string LikedTimePrefix = "likedtime-";
    public static string LikedTime(long at, long articleId) => $"{LikedTimePrefix}{LatestMs - at:D13}-{articleId}";

    public static string Collection(string partition, long collectionId) => $"{CollectionPrefix(partition)}{collectionId:D16}";
    public static string CollectionPrefix(string partition) => $"{partition}-collection-";

    public static string Entry(string partition, long collectionId, long articleId) => $"{EntryPrefix(partition, collectionId)}{articleId}";
    public static string EntryPrefix(string partition, long collectionId) => $"{partition}-in-{collectionId:D16}-";
    public static string EntryTime(long collectionId, long at, long articleId) => $"{EntryTimePrefix(collectionId)}{LatestMs - at:D13}-{articleId}";
    public static string EntryTimePrefix(long collectionId) => $"intime-{collectionId:D16}-";

    /// <summary>The first key after every key that starts with <paramref name="prefix"/> (which ends in '-').</summary>
    public static string End(string prefix) => prefix[..^1] + '.';
}

/// <summary>An article in the liked list or a collection (by article), or its time row (TimeRow empty).</summary>
public sealed class ListEntryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long ArticleId { get; set; }
    /// <summary>When it was liked or collected, Unix ms.</summary>
    public long At { get; set; }
    public string TimeRow { get; set; } = "";
}

public sealed class CollectionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long CollectionId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>How many articles it holds: its entry rows, changed in the same transactions.</summary>
    public long Count { get; set; }
    /// <summary>Unix ms.</summary>
    public long CreatedAt { get; set; }
    /// <summary>Its deletion began: it is listed and used no more, and the deletion goes on until the row is gone.</summary>
    public bool Deleting { get; set; }
}
