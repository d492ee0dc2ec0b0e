namespace Webook.Core.Messages;

/// <summary>A message between two users; <see cref="Ctime"/> in Unix ms. Ids grow with time.</summary>
public sealed record Message(long Id, long From, long To, string Content, long Ctime);

/// <summary>One of a user's conversations: the other user, the last message, and how many of the other's the user has not read.</summary>
public sealed record Conversation(long With, Message Last, int Unread);

/// <summary>
/// Messages per pair of users, in the order they were sent, and each user's conversations. A message is written once
/// (its id claimed insert-first); the conversations it updates follow it and never go back to an older message.
/// </summary>
public interface IMessageStore
{
    Task<Message> SendAsync(long from, long to, string content, CancellationToken ct);

    /// <summary>
    /// The pair's messages sent after <paramref name="afterMs"/>, oldest first, at most <paramref name="limit"/>; the
    /// other's among them count as read by <paramref name="reader"/>.
    /// </summary>
    Task<IReadOnlyList<Message>> ChatAsync(long reader, long with, long afterMs, int limit, CancellationToken ct);

    /// <summary>The user's conversations, the latest message first; unread counted up to <paramref name="unreadCap"/>.</summary>
    Task<IReadOnlyList<Conversation>> ConversationsAsync(long userId, int unreadCap, CancellationToken ct);
}
