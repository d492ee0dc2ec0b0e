namespace Webook.Core.Follows;

/// <summary>One direction of a follow as a list shows it: the other user and when the follow began (Unix ms).</summary>
public sealed record FollowEdge(long UserId, long Since);

/// <summary>How many users a user follows and how many follow them.</summary>
public sealed record FollowCounts(long Followees, long Followers);

/// <summary>
/// Follows kept in both directions: by follower (whom they follow) and by followee (who follows them), each with
/// its exact count. A change writes the follower's side first, with an intent; the followee's side follows and the
/// intent goes; <see cref="RepairAsync"/> completes what a crash left half done.
/// </summary>
public interface IFollowStore
{
    /// <summary>Follows (or cancels); true when something changed, false when it already was as asked.</summary>
    Task<bool> SetFollowAsync(long follower, long followee, bool follow, CancellationToken ct);

    Task<bool> IsFollowingAsync(long follower, long followee, CancellationToken ct);

    Task<FollowCounts> GetCountsAsync(long userId, CancellationToken ct);

    /// <summary>Whom <paramref name="follower"/> follows, newest first.</summary>
    Task<IReadOnlyList<FollowEdge>> ListFolloweesAsync(long follower, int offset, int limit, CancellationToken ct);

    /// <summary>Who follows <paramref name="followee"/>, newest first.</summary>
    Task<IReadOnlyList<FollowEdge>> ListFollowersAsync(long followee, int offset, int limit, CancellationToken ct);

    /// <summary>
    /// Every follower of <paramref name="followee"/> (or every followee of a follower), newest first, read a thousand
    /// at a time: one query, so a change meanwhile skips no one who stays (an offset would).
    /// </summary>
    IAsyncEnumerable<long> AllFollowersAsync(long followee, CancellationToken ct);

    IAsyncEnumerable<long> AllFolloweesAsync(long follower, CancellationToken ct);

    /// <summary>Users who follow <paramref name="userId"/> and whom they follow back, newest follow of theirs first.</summary>
    Task<IReadOnlyList<FollowEdge>> ListFriendsAsync(long userId, int offset, int limit, CancellationToken ct);

    /// <summary>Completes every intent older than <paramref name="olderThan"/>; returns the pairs it completed.</summary>
    Task<IReadOnlyList<(long Follower, long Followee)>> RepairAsync(TimeSpan olderThan, CancellationToken ct);
}
