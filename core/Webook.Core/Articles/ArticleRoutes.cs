using Webook.Core.Http;

namespace Webook.Core.Articles;

/// <summary>The /articles routes of drafts and published copies, and the blob sweep's timer.</summary>
public static class ArticleRoutes
{
    public const string EditArticle = "articles/edit";
    public const string PublishArticle = "articles/publish";
    public const string WithdrawArticle = "articles/withdraw";
    public const string ListArticles = "articles/list";
    public const string ArticleDetail = "articles/detail/{id}";
    public const string PublishedArticle = "articles/pub/{id}";

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        ApiRoute.For<ArticleHandlers, SaveArticleRequest>(Names.EditArticle, ApiRoute.Post, EditArticle, "save article", RouteAuth.Access,
            (h, c) => h.SaveAsync(c, publish: false), data: typeof(long?)),
        ApiRoute.For<ArticleHandlers, SaveArticleRequest>(Names.PublishArticle, ApiRoute.Post, PublishArticle, "publish article", RouteAuth.Access,
            (h, c) => h.SaveAsync(c, publish: true), data: typeof(long?)),
        ApiRoute.For<ArticleHandlers, WithdrawArticleRequest>(Names.WithdrawArticle, ApiRoute.Post, WithdrawArticle, "withdraw article", RouteAuth.Access,
            (h, c) => h.WithdrawAsync(c)),
        ApiRoute.For<ArticleHandlers, ListArticlesRequest>(Names.ListArticles, ApiRoute.Post, ListArticles, "list articles", RouteAuth.Access,
            (h, c) => h.ListAsync(c), data: typeof(List<ArticleListItem>)),
        ApiRoute.For<ArticleHandlers, NoBody>(Names.ArticleDetail, ApiRoute.Get, ArticleDetail, "article detail", RouteAuth.Access,
            (h, c) => h.DetailAsync(c), data: typeof(ArticleDetailView)),
        ApiRoute.For<ArticleHandlers, NoBody>(Names.PublishedArticle, ApiRoute.Get, PublishedArticle, "published article", RouteAuth.OptionalAccess,
            (h, c) => h.PublishedAsync(c), data: typeof(PublishedArticleView), handlerAuthenticates: true),
    ];

    public static readonly ScheduledJobRoute BlobSweep = new(Names.ArticleBlobSweep, "Articles:SweepSchedule");

    /// <summary>Function names, shared by both hosts (Webook.Server uses them as endpoint names).</summary>
    public static class Names
    {
        public const string EditArticle = "ArticlesEdit";
        public const string PublishArticle = "ArticlesPublish";
        public const string WithdrawArticle = "ArticlesWithdraw";
        public const string ListArticles = "ArticlesList";
        public const string ArticleDetail = "ArticlesDetail";
        public const string PublishedArticle = "ArticlesPublished";
        public const string ArticleBlobSweep = "ArticleBlobSweep";
    }
}
