namespace Webook.Core.Notifications;

public sealed class ReadNotificationsRequest
{
    /// <summary>The newest notification read; absent: all.</summary>
    public long? Upto { get; set; }
}

/// <summary><c>{id, type, actor: {id, name}, count, article?: {id, title}, comment?: {id, content}, ctime, read}</c>.</summary>
public sealed record NotificationView(long Id, string Type, NotificationActorView Actor, int Count, NotificationArticleView? Article,
    NotificationCommentView? Comment, long Ctime, bool Read);

public sealed record NotificationActorView(long Id, string Name);

public sealed record NotificationArticleView(long Id, string Title);

public sealed record NotificationCommentView(long Id, string Content);
