using Webook.Core.Http;

namespace Webook.Core.Interactions;

/// <summary>Likes and collections of published articles, and the read-event consumer's function name.</summary>
public static class InteractionRoutes
{
    public const string LikeArticle = "articles/pub/like";
    public const string CollectArticle = "articles/pub/collect";

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        ApiRoute.For<InteractionHandlers, LikeRequest>(Names.LikeArticle, ApiRoute.Post, LikeArticle, "like article", RouteAuth.Access, (h, c) => h.LikeAsync(c)),
        ApiRoute.For<InteractionHandlers, CollectRequest>(Names.CollectArticle, ApiRoute.Post, CollectArticle, "collect article", RouteAuth.Access,
            (h, c) => h.CollectAsync(c)),
    ];

    public static class Names
    {
        public const string LikeArticle = "ArticlesLike";
        public const string CollectArticle = "ArticlesCollect";
        /// <summary>The batched read-event consumer (a Kafka trigger in the Function App).</summary>
        public const string ReadEvents = "ReadEvents";
    }
}
