namespace Webook.Core.Notifications;

/// <summary>
/// Something that happened to a user's content or to them (<see cref="Type"/>: like, collect, comment, reply, follow),
/// by <see cref="ActorId"/>. <see cref="Id"/> grows with <see cref="Ctime"/> (Unix ms); read means at or below the
/// user's read mark.
/// </summary>
public sealed record Notification(long Id, string Type, long ActorId, int Count, long? ArticleId, long? CommentId, long Ctime, bool Read);

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

    /// <summary>The user's notifications older than <paramref name="beforeMs"/>, newest first.</summary>
    Task<IReadOnlyList<Notification>> ListAsync(long userId, long beforeMs, int limit, CancellationToken ct);

    /// <summary>The notifications above the read mark, counted up to <paramref name="cap"/>.</summary>
    Task<int> UnreadAsync(long userId, int cap, CancellationToken ct);

    /// <summary>Moves the read mark up to <paramref name="upTo"/> (null: the newest); it never moves back.</summary>
    Task MarkReadAsync(long userId, long? upTo, CancellationToken ct);
}
