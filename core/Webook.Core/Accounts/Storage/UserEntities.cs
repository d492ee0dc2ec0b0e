using Azure;
using Azure.Data.Tables;

namespace Webook.Core.Accounts.Storage;

/// <summary>A user row: PartitionKey and RowKey are the user id (WebookTables: one-row partitions repeat the key).</summary>
public sealed class UserEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? PasswordHash { get; set; }
    public string? WeChatOpenId { get; set; }
    public string? WeChatUnionId { get; set; }
    public string Nickname { get; set; } = "";
    /// <summary>yyyy-MM-dd, or null when not given.</summary>
    public string? Birthday { get; set; }
    public string AboutMe { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A uniqueness index row: PartitionKey is "email:" + the lowercased address (or "phone:" + number, or
/// "wechat-union:" + unionid, or "wechat-open:" + openid when WeChat gives no unionid), RowKey the same. Inserting it
/// is what claims the identity; a conflict means it is taken.
/// </summary>
public sealed class UserIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public long UserId { get; set; }
}
