using Azure;
using Azure.Data.Tables;

namespace Webook.Core.Interactions.Storage;

/// <summary>
/// One partition per article ("article-{id}") holds its counts row, its like and collect records and its
/// read markers, so a record and the count it changes are written in one entity-group transaction.
/// </summary>
public static class InteractionRows
{
    public const string ReadMarkerPrefix = "reads-";

    public static string Partition(long articleId) => "article-" + articleId;
    /// <summary>Named after its partition, not one constant for every article: see WebookTables on one-row keys.</summary>
    public static string Counts(string partition) => "counts-" + partition;
    public static string Like(long userId) => "like-" + userId;
    public static string Collect(long userId, long collectionId) => CollectPrefix(userId) + collectionId;
    public static string CollectPrefix(long userId) => $"collect-{userId}-";
    public static string ReadMarker(string topic, int partition) => $"{ReadMarkerPrefix}{topic}-{partition}";
}

/// <summary>The counts row; Version grows by one with every change.</summary>
public sealed class InteractionCountsEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public long Version { get; set; }
    public long Reads { get; set; }
    public long Likes { get; set; }
    public long Collects { get; set; }
}

/// <summary>A like or collect record: its presence is the fact.</summary>
public sealed class InteractionRecordEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The highest offset of one topic partition whose reads of this article are counted.</summary>
public sealed class ReadMarkerEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public long Offset { get; set; }
}
