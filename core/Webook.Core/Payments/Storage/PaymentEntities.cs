using Azure;
using Azure.Data.Tables;

namespace Webook.Core.Payments.Storage;

/// <summary>
/// The payments table: a partition per payment (its biz trade number) holding the <see cref="PaymentEntity"/> and its
/// outbox rows, so a status change and its event are one transaction; and the partition <see cref="PendingPartition"/>
/// with a <see cref="PendingEntity"/> per payment still waiting for WeChat Pay, keyed by expiry, which the sync job reads.
/// </summary>
internal static class PaymentRows
{
    public const string Payment = "payment";
    public const string PendingPartition = "pending";

    public static string Pending(string bizTradeNo, DateTimeOffset expireAt) => $"{expireAt.ToUnixTimeMilliseconds():D13}-{bizTradeNo}";

    public static string PendingBefore(DateTimeOffset before) => $"{before.ToUnixTimeMilliseconds():D13}";
}

public sealed class PaymentEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = PaymentRows.Payment;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Biz { get; set; } = "";
    public long BizId { get; set; }
    public long Amount { get; set; }
    public string Status { get; set; } = nameof(PaymentStatus.Init);
    public string CodeUrl { get; set; } = "";
    public DateTimeOffset ExpireAt { get; set; }
    public DateTimeOffset Ctime { get; set; }
    public DateTimeOffset Utime { get; set; }
}

public sealed class PendingEntity : ITableEntity
{
    public string PartitionKey { get; set; } = PaymentRows.PendingPartition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string BizTradeNo { get; set; } = "";
    public DateTimeOffset ExpireAt { get; set; }
}
