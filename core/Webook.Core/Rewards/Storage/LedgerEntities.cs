using Azure;
using Azure.Data.Tables;

namespace Webook.Core.Rewards.Storage;

/// <summary>
/// The ledger table: a partition per account (<c>{type}-{id}</c>) holding its <see cref="BalanceEntity"/>, and per entry
/// a <c>key-{biz}-{bizId}</c> row, the uniqueness of (biz, bizId, account), and an <c>entry-{inverted id}</c> row that
/// lists the entries newest first. A credit writes all three in one transaction, the balance under its ETag.
/// </summary>
internal static class LedgerRows
{
    public const string Balance = "balance";
    public const string EntryPrefix = "entry-";
    public const string EntryEnd = "entry.";
    public const string KeyPrefix = "key-";
    public const string KeyEnd = "key.";

    public static string Partition(LedgerAccount account) => $"{account.Type}-{account.Id}";

    public static string Key(string biz, long bizId) => $"{KeyPrefix}{biz}-{bizId:D16}";

    public static string Entry(long entryId) => $"{EntryPrefix}{long.MaxValue - entryId:D19}";
}

public sealed class BalanceEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = LedgerRows.Balance;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long Balance { get; set; }
}

/// <summary>An entry, under both of its row keys.</summary>
public sealed class LedgerEntryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long Id { get; set; }
    public string AccountType { get; set; } = "";
    public long AccountId { get; set; }
    public string Biz { get; set; } = "";
    public long BizId { get; set; }
    public long Amount { get; set; }
    public DateTimeOffset Ctime { get; set; }
}
