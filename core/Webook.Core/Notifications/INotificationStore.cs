namespace Webook.Core.Notifications;

/// <summary>
/// Something that happened to a user's content or to them (<see cref="Type"/>: like, collect, comment, reply, follow),
/// by <see cref="ActorId"/>. <see cref="Id"/> grows with <see cref="Ctime"/> (Unix ms); read means at or below the
/// user's read mark.
/// </summary>
public sealed record Notification(long Id, string Type, long ActorId, int Count, long? ArticleId, long? CommentId, string? CommentContent, long Ctime, bool Read);

/// <summary>
/// The titles of articles named by notifications, asked through this port so that Notifications does not depend on
/// Articles (which implements it); an article readers cannot see has none.
/// </summary>
public interface INotifiedArticles
{
    Task<IReadOnlyDictionary<long, string>> TitlesAsync(IReadOnlyCollection<long> ids, CancellationToken ct);
}

/// <summary>
/// Each user's notifications, newest first, and how far they read. Changes are applied from events: each names its
/// event, so an event handed over again (a redelivered batch) changes nothing the second time.
/// </summary>
public interface INotificationStore
{
    /// <summary>A follow: notifies the followee, once per follow event.</summary>
    Task FollowedAsync(string eventId, long follower, long followee, long at, CancellationToken ct);

    /// <summary>An unfollow withdraws the notification of the follow it ends, if that one is still there.</summary>
    Task UnfollowedAsync(long follower, long followee, long at, CancellationToken ct);

    /// <summary>A comment or reply: notifies <paramref name="recipient"/> (the article's author, or the author replied to), once per comment.</summary>
    Task CommentedAsync(string eventId, string type, long actor, long recipient, long articleId, long commentId, string content, long at, CancellationToken ct);

    /// <summary>A deleted comment withdraws its notification; a notification of it that arrives later is not made.</summary>
    Task UncommentedAsync(long recipient, long commentId, long at, CancellationToken ct);

    /// <summary>
    /// A like or collect (<paramref name="type"/>) of <paramref name="recipient"/>'s article: counted once per actor, in
    /// the article's notification of that type started less than Notifications:FoldWindow before, or a new one.
    /// <paramref name="version"/> orders one actor's events (the article's counts version).
    /// </summary>
    Task FoldedAsync(string eventId, string type, long actor, long recipient, long articleId, long version, long at, CancellationToken ct);

    /// <summary>An unlike: the actor no longer counted in the notification that counted them, which goes when no one is left.</summary>
    Task UnfoldedAsync(string type, long actor, long recipient, long articleId, long version, CancellationToken ct);

    /// <summary>The user's notifications older than <paramref name="beforeMs"/>, newest first.</summary>
    Task<IReadOnlyList<Notification>> ListAsync(long userId, long beforeMs, int limit, CancellationToken ct);

    /// <summary>The notifications above the read mark, counted up to <paramref name="cap"/>.</summary>
    Task<int> UnreadAsync(long userId, int cap, CancellationToken ct);

    /// <summary>Moves the read mark up to <paramref name="upTo"/> (null: the newest); it never moves back.</summary>
    Task MarkReadAsync(long userId, long? upTo, CancellationToken ct);
}
