using Azure;
using Azure.Data.Tables;

namespace Webook.Core.Messages.Storage;

/// <summary>
/// The messages table. A pair of users shares one partition ("chat-{lower id}-{higher id}") holding its messages,
/// "{partition}-msg-{id:D16}", in the order they were sent (ids grow with time). Each user has a partition
/// ("inbox-{id}") with one row per conversation, "{partition}-with-{other}": the last message and how far the user read.
/// </summary>
internal static class MessageRows
{
    public static string Chat(long a, long b) => a < b ? $"chat-{a}-{b}" : $"chat-{b}-{a}";
    public static string Message(string chat, long id) => $"{MessagePrefix(chat)}{id:D16}";
    public static string MessagePrefix(string chat) => $"{chat}-msg-";
    public static string Inbox(long userId) => "inbox-" + userId;
    public static string Conversation(string inbox, long other) => $"{ConversationPrefix(inbox)}{other}";
    public static string ConversationPrefix(string inbox) => $"{inbox}-with-";
    public static string End(string prefix) => prefix[..^1] + '.';
}

public sealed class MessageEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long Id { get; set; }
    public long From { get; set; }
    public long To { get; set; }
    public string Content { get; set; } = "";
    public long Ctime { get; set; }
}

/// <summary>A user's conversation with <see cref="With"/>: the last message (its fields copied) and the last id the user read.</summary>
public sealed class ConversationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long With { get; set; }
    public long LastId { get; set; }
    public long LastFrom { get; set; }
    public string LastContent { get; set; } = "";
    public long LastCtime { get; set; }
    public long ReadUpTo { get; set; }
}
