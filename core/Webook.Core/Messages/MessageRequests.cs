namespace Webook.Core.Messages;

public sealed class SendMessageRequest
{
    public long? To { get; set; }
    public string? Content { get; set; }
}

/// <summary><c>{id, from, to, content, ctime}</c>.</summary>
public sealed record MessageView(long Id, long From, long To, string Content, long Ctime);

/// <summary><c>{user: {id, name}, last: {id, from, content, ctime}, unread}</c>.</summary>
public sealed record ConversationView(ConversationUserView User, LastMessageView Last, int Unread);

public sealed record ConversationUserView(long Id, string Name);

public sealed record LastMessageView(long Id, long From, string Content, long Ctime);
