namespace Webook.Core.Follows;

/// <summary>
/// A follow or unfollow that completed, on Follows:EventTopic keyed by the followee:
/// <c>{id, type, follower, followee, at}</c>. <see cref="Id"/> names the change: a repeat (a repair sending it
/// again) carries the same id, so a consumer applies it once.
/// </summary>
public sealed record FollowEvent(string Id, string Type, long Follower, long Followee, long At)
{
    public const string Followed = "follow";
    public const string Unfollowed = "unfollow";
}
