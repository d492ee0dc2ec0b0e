using Webook.Core.Http;

namespace Webook.Core.Collections;

/// <summary>The /collection routes and the reader's liked and collected lists, of api.md ("Social").</summary>
public static class CollectionRoutes
{
    public const string Save = "collection/save";
    public const string List = "collection/list";
    public const string Delete = "collection/delete";
    public const string Move = "collection/move";
    public const string Liked = "articles/pub/liked";
    public const string Collected = "articles/pub/collected";

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        ApiRoute.For<CollectionHandlers, SaveCollectionRequest>(Names.Save, ApiRoute.Post, Save, "save collection", RouteAuth.Access,
            (h, c) => h.SaveAsync(c), data: typeof(long)),
        ApiRoute.For<CollectionHandlers, NoBody>(Names.List, ApiRoute.Get, List, "list collections", RouteAuth.Access,
            (h, c) => h.ListAsync(c), data: typeof(List<CollectionView>)),
        ApiRoute.For<CollectionHandlers, CollectionIdRequest>(Names.Delete, ApiRoute.Post, Delete, "delete collection", RouteAuth.Access,
            (h, c) => h.DeleteAsync(c)),
        ApiRoute.For<CollectionHandlers, MoveRequest>(Names.Move, ApiRoute.Post, Move, "move collected article", RouteAuth.Access,
            (h, c) => h.MoveAsync(c)),
        ApiRoute.For<CollectionHandlers, NoBody>(Names.Liked, ApiRoute.Get, Liked, "list liked articles", RouteAuth.Access,
            (h, c) => h.LikedAsync(c), data: typeof(List<ListedArticleView>)),
        ApiRoute.For<CollectionHandlers, NoBody>(Names.Collected, ApiRoute.Get, Collected, "list collected articles", RouteAuth.Access,
            (h, c) => h.CollectedAsync(c), data: typeof(List<ListedArticleView>)),
    ];

    public static class Names
    {
        public const string Save = "CollectionSave";
        public const string List = "CollectionList";
        public const string Delete = "CollectionDelete";
        public const string Move = "CollectionMove";
        public const string Liked = "ArticleLiked";
        public const string Collected = "ArticleCollected";
    }
}
