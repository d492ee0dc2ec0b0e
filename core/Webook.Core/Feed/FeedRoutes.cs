using Webook.Core.Http;

namespace Webook.Core.Feed;

/// <summary>The feed routes of api.md ("Feed, notifications and messages") and the event consumer's name.</summary>
public static class FeedRoutes
{
    public const string Feed = "feed";
    public const string Latest = "articles/pub/latest";

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        ApiRoute.For<FeedHandlers, NoBody>(Names.Feed, ApiRoute.Get, Feed, "following feed", RouteAuth.Access,
            (h, c) => h.FeedAsync(c), data: typeof(List<FeedArticleView>)),
        ApiRoute.For<FeedHandlers, NoBody>(Names.Latest, ApiRoute.Get, Latest, "latest articles", RouteAuth.None,
            (h, c) => h.LatestAsync(c), data: typeof(List<FeedArticleView>)),
    ];

    public static class Names
    {
        public const string Feed = "Feed";
        public const string Latest = "ArticlesLatest";
        /// <summary>The Function App's Kafka triggers that turn article and follow events into feed entries.</summary>
        public const string ArticleEvents = "FeedArticleEvents";
        public const string FollowEvents = "FeedFollowEvents";
    }
}
