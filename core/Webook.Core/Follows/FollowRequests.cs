namespace Webook.Core.Follows;

public sealed class FollowRequest
{
    public long? Followee { get; set; }
}

/// <summary>A user in a follow list: <c>{id, name, ctime}</c>, ctime when the follow began (Unix ms).</summary>
public sealed record FollowUserView(long Id, string Name, long Ctime);

public sealed record FollowStaticView(long Followees, long Followers, bool Followed);

public sealed record FollowCheckView(bool Followed);
