using Webook.Core.Http;

namespace Webook.Core.Ranking;

/// <summary>GET /articles/hot and the hot-list job's timer.</summary>
public static class HotListRoutes
{
    public const string HotList = "articles/hot";

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        // The same list for every reader: a token is allowed and not checked.
        ApiRoute.For<HotListHandlers, NoBody>(Names.HotList, ApiRoute.Get, HotList, "hot list", RouteAuth.OptionalAccess, (h, c) => h.HotAsync(c),
            data: typeof(List<HotArticle>), handlerAuthenticates: true),
    ];

    public static readonly ScheduledJobRoute Job = new(Names.HotListJob, "HotList:Schedule");

    public static class Names
    {
        public const string HotList = "ArticlesHot";
        /// <summary>The scheduled hot-list computation (a timer in the Function App).</summary>
        public const string HotListJob = "HotListJob";
    }
}
