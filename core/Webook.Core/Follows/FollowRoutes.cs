using Webook.Core.Http;

namespace Webook.Core.Follows;

/// <summary>The /follow routes of api.md ("Social") and the repair timer.</summary>
public static class FollowRoutes
{
    public const string Follow = "follow/follow";
    public const string Cancel = "follow/cancel";
    public const string Followees = "follow/followee";
    public const string Followers = "follow/follower";
    public const string Static = "follow/static";
    public const string Check = "follow/check";
    public const string Friends = "follow/friends";

    // The lists take a token and do not check it; the counts check one when it is there (followed).
    public static readonly IReadOnlyList<ApiRoute> All =
    [
        ApiRoute.For<FollowHandlers, FollowRequest>(Names.Follow, ApiRoute.Post, Follow, "follow", RouteAuth.Access, (h, c) => h.FollowAsync(c)),
        ApiRoute.For<FollowHandlers, FollowRequest>(Names.Cancel, ApiRoute.Post, Cancel, "cancel follow", RouteAuth.Access, (h, c) => h.CancelAsync(c)),
        ApiRoute.For<FollowHandlers, NoBody>(Names.Followees, ApiRoute.Get, Followees, "list followees", RouteAuth.OptionalAccess,
            (h, c) => h.FolloweesAsync(c), handlerAuthenticates: true, data: typeof(List<FollowUserView>)),
        ApiRoute.For<FollowHandlers, NoBody>(Names.Followers, ApiRoute.Get, Followers, "list followers", RouteAuth.OptionalAccess,
            (h, c) => h.FollowersAsync(c), handlerAuthenticates: true, data: typeof(List<FollowUserView>)),
        ApiRoute.For<FollowHandlers, NoBody>(Names.Static, ApiRoute.Get, Static, "follow counts", RouteAuth.OptionalAccess,
            (h, c) => h.StaticAsync(c), handlerAuthenticates: true, data: typeof(FollowStaticView)),
        ApiRoute.For<FollowHandlers, NoBody>(Names.Check, ApiRoute.Get, Check, "check follow", RouteAuth.Access,
            (h, c) => h.CheckAsync(c), data: typeof(FollowCheckView)),
        ApiRoute.For<FollowHandlers, NoBody>(Names.Friends, ApiRoute.Get, Friends, "list friends", RouteAuth.Access,
            (h, c) => h.FriendsAsync(c), data: typeof(List<FollowUserView>)),
    ];

    public static readonly ScheduledJobRoute Repair = new(Names.Repair, "Follows:RepairSchedule");

    public static class Names
    {
        public const string Follow = "FollowFollow";
        public const string Cancel = "FollowCancel";
        public const string Followees = "FollowFollowees";
        public const string Followers = "FollowFollowers";
        public const string Static = "FollowStatic";
        public const string Check = "FollowCheck";
        public const string Friends = "FollowFriends";
        /// <summary>The timer that completes follows and cancels a crash left half done.</summary>
        public const string Repair = "FollowRepair";
    }
}
