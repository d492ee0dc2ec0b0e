using Azure;
using Azure.Data.Tables;

namespace Webook.Core.Rewards.Storage;

/// <summary>
/// The rewards table: a partition per reward, its id in 16 digits (ids are below 2^53 and grow with time, so a range of
/// partitions is a range of time), holding the <see cref="RewardEntity"/>; and a partition <c>key-{tipper}</c> per tipper
/// with a <see cref="RewardKeyEntity"/> per Idempotency-Key, keyed by the key's SHA-256 (a key may hold any character).
/// </summary>
internal static class RewardRows
{
    public const string Reward = "reward";

    public static string Partition(long rid) => rid.ToString("D16", System.Globalization.CultureInfo.InvariantCulture);

    public static string Keys(long tipperId) => "key-" + tipperId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Key(string idempotencyKey) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(idempotencyKey)));
}

public sealed class RewardEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = RewardRows.Reward;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long TipperId { get; set; }
    public long ArticleId { get; set; }
    public long AuthorId { get; set; }
    public long Amount { get; set; }
    public long PlatformShare { get; set; }
    public string Status { get; set; } = nameof(RewardStatus.Init);
    public DateTimeOffset Ctime { get; set; }
}

public sealed class RewardKeyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long Rid { get; set; }
    public long ArticleId { get; set; }
    public long Amount { get; set; }
}
