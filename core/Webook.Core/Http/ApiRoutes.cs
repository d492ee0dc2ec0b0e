using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Accounts;
using Webook.Core.Articles;
using Webook.Core.Health;
using Webook.Core.Interactions;
using Webook.Core.Ranking;

namespace Webook.Core.Http;

/// <summary>
/// One route, the only place it is described: its function name (Webook.Server's endpoint name), its one HTTP method,
/// its template, its operation (the request log's and metrics' name), its auth kind, the JSON body it takes, the data it
/// answers with, whether it issues tokens, and its handler. Webook.Server maps and documents it from this; the Function
/// App's attribute constants are tested against it.
/// </summary>
public sealed record ApiRoute
{
    public required string Name { get; init; }
    public required string Method { get; init; }
    public required string Template { get; init; }
    public required string Operation { get; init; }
    public required RouteAuth Auth { get; init; }
    /// <summary>The JSON body's type, or null for a route that takes none.</summary>
    public Type? Body { get; init; }
    /// <summary>The type of the envelope's data on success, or null when it is null.</summary>
    public Type? Data { get; init; }
    public bool IssuesTokens { get; init; }
    /// <summary>
    /// The handler checks the token itself, for a reason the invoker cannot know: it reads while the session is
    /// checked (one round trip instead of two), or the token check is the rule (a refresh rotates the token it checks).
    /// </summary>
    public bool HandlerAuthenticates { get; init; }
    /// <summary>Runs the route on a request; <see cref="InvokeAsync"/> is how hosts call it.</summary>
    public required Func<ApiRoute, HttpRequest, Task<IResult>> Handler { get; init; }

    public Task<IResult> InvokeAsync(HttpRequest request) => Handler(this, request);
}

/// <summary>A scheduled job: its function name and the setting that holds its NCRONTAB schedule.</summary>
public sealed record ScheduledJobRoute(string Name, string ScheduleSetting);

/// <summary>
/// The single route table both hosts serve: <see cref="All"/> is what Webook.Server maps and what the Function App's
/// generated metadata is tested against. Constants, so the Function App can use them in attributes.
/// Templates have no leading slash (the Function App's routePrefix is empty).
/// </summary>
public static class ApiRoutes
{
    public const string Signup = "users/signup";
    public const string Login = "users/login";
    public const string SendSmsCode = "users/login_sms/code/send";
    public const string LoginSms = "users/login_sms";
    public const string RefreshToken = "users/refresh_token";
    public const string Logout = "users/logout";
    public const string Profile = "users/profile";
    public const string EditProfile = "users/edit";
    public const string Health = "healthz";
    public const string EditArticle = "articles/edit";
    public const string PublishArticle = "articles/publish";
    public const string WithdrawArticle = "articles/withdraw";
    public const string ListArticles = "articles/list";
    public const string ArticleDetail = "articles/detail/{id}";
    public const string PublishedArticle = "articles/pub/{id}";
    public const string LikeArticle = "articles/pub/like";
    public const string CollectArticle = "articles/pub/collect";
    public const string HotList = "articles/hot";

    private const string Get = "GET";
    private const string Post = "POST";

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        Route<UserHandlers, SignupRequest>(Names.Signup, Post, Signup, "signup", RouteAuth.None, (h, c) => h.SignupAsync(c)),
        Route<UserHandlers, LoginRequest>(Names.Login, Post, Login, "login", RouteAuth.None, (h, c) => h.LoginAsync(c), issuesTokens: true),
        Route<SmsLoginHandlers, SendSmsCodeRequest>(Names.SendSmsCode, Post, SendSmsCode, "send sms code", RouteAuth.None, (h, c) => h.SendCodeAsync(c)),
        Route<SmsLoginHandlers, SmsLoginRequest>(Names.LoginSms, Post, LoginSms, "sms login", RouteAuth.None, (h, c) => h.LoginAsync(c), issuesTokens: true),
        Route<UserHandlers, NoBody>(Names.RefreshToken, Post, RefreshToken, "refresh_token", RouteAuth.Refresh, (h, c) => h.RefreshTokenAsync(c),
            issuesTokens: true, handlerAuthenticates: true),
        Route<UserHandlers, NoBody>(Names.Logout, Post, Logout, "logout", RouteAuth.Access, (h, c) => h.LogoutAsync(c)),
        Route<UserHandlers, NoBody>(Names.Profile, Get, Profile, "profile", RouteAuth.Access, (h, c) => h.ProfileAsync(c),
            data: typeof(ProfileView), handlerAuthenticates: true),
        Route<UserHandlers, EditProfileRequest>(Names.EditProfile, Post, EditProfile, "edit profile", RouteAuth.Access, (h, c) => h.EditAsync(c)),
        new()
        {
            Name = Names.Health, Method = Get, Template = Health, Operation = "health", Auth = RouteAuth.None, Data = typeof(HealthView),
            // Not inside the guard: a probe is answered even when the request log or metrics would fail.
            Handler = (_, request) => request.HttpContext.RequestServices.GetRequiredService<HealthHandler>().CheckAsync(request),
        },
        Route<ArticleHandlers, SaveArticleRequest>(Names.EditArticle, Post, EditArticle, "save article", RouteAuth.Access,
            (h, c) => h.SaveAsync(c, publish: false), data: typeof(long?)),
        Route<ArticleHandlers, SaveArticleRequest>(Names.PublishArticle, Post, PublishArticle, "publish article", RouteAuth.Access,
            (h, c) => h.SaveAsync(c, publish: true), data: typeof(long?)),
        Route<ArticleHandlers, WithdrawArticleRequest>(Names.WithdrawArticle, Post, WithdrawArticle, "withdraw article", RouteAuth.Access, (h, c) => h.WithdrawAsync(c)),
        Route<ArticleHandlers, ListArticlesRequest>(Names.ListArticles, Post, ListArticles, "list articles", RouteAuth.Access, (h, c) => h.ListAsync(c),
            data: typeof(List<ArticleListItem>)),
        Route<ArticleHandlers, NoBody>(Names.ArticleDetail, Get, ArticleDetail, "article detail", RouteAuth.Access, (h, c) => h.DetailAsync(c),
            data: typeof(ArticleDetailView)),
        Route<ArticleHandlers, NoBody>(Names.PublishedArticle, Get, PublishedArticle, "published article", RouteAuth.OptionalAccess, (h, c) => h.PublishedAsync(c),
            data: typeof(PublishedArticleView), handlerAuthenticates: true),
        Route<InteractionHandlers, LikeRequest>(Names.LikeArticle, Post, LikeArticle, "like article", RouteAuth.Access, (h, c) => h.LikeAsync(c)),
        Route<InteractionHandlers, CollectRequest>(Names.CollectArticle, Post, CollectArticle, "collect article", RouteAuth.Access, (h, c) => h.CollectAsync(c)),
        // The same list for every reader: a token is allowed and not checked.
        Route<HotListHandlers, NoBody>(Names.HotList, Get, HotList, "hot list", RouteAuth.OptionalAccess, (h, c) => h.HotAsync(c),
            data: typeof(List<HotArticle>), handlerAuthenticates: true),
    ];

    private static readonly FrozenDictionary<string, ApiRoute> ByName = All.ToFrozenDictionary(r => r.Name);

    /// <summary>Runs the route named <paramref name="name"/> on the request: what each HTTP function of the Function App does.</summary>
    public static Task<IResult> InvokeAsync(string name, HttpRequest request) => ByName[name].InvokeAsync(request);

    private static ApiRoute Route<THandlers, TBody>(string name, string method, string template, string operation, RouteAuth auth,
        Func<THandlers, RouteCall<TBody>, Task<IResult>> handle, Type? data = null, bool issuesTokens = false, bool handlerAuthenticates = false)
        where THandlers : notnull where TBody : class => new()
    {
        Name = name, Method = method, Template = template, Operation = operation, Auth = auth,
        Body = typeof(TBody) == typeof(NoBody) ? null : typeof(TBody), Data = data, IssuesTokens = issuesTokens,
        HandlerAuthenticates = handlerAuthenticates,
        Handler = (route, request) =>
        {
            var services = request.HttpContext.RequestServices;
            var handlers = services.GetRequiredService<THandlers>();
            return services.GetRequiredService<RouteInvoker>().RunAsync<TBody>(route, request, call => handle(handlers, call));
        },
    };

    /// <summary>The timers of the Function App (Webook.Server schedules the same jobs from the same settings).</summary>
    public static readonly IReadOnlyList<ScheduledJobRoute> ScheduledJobs =
    [
        new(Names.SmsRetry, "Sms:Retry:Schedule"),
        new(Names.ArticleBlobSweep, "Articles:SweepSchedule"),
        new(Names.HotListJob, "HotList:Schedule"),
    ];

    /// <summary>The route of <paramref name="name"/>; a name that is not on the table is a bug in the host.</summary>
    public static ApiRoute Named(string name) =>
        ByName.TryGetValue(name, out var route) ? route : throw new ArgumentException($"No route is named {name}.", nameof(name));

    /// <summary>Function names: one per route, shared by both hosts (Webook.Server uses them as endpoint names).</summary>
    public static class Names
    {
        public const string Signup = "UsersSignup";
        public const string Login = "UsersLogin";
        public const string SendSmsCode = "UsersLoginSmsCodeSend";
        public const string LoginSms = "UsersLoginSms";
        public const string SmsRetry = "SmsRetry";
        public const string ArticleBlobSweep = "ArticleBlobSweep";
        public const string RefreshToken = "UsersRefreshToken";
        public const string Logout = "UsersLogout";
        public const string Profile = "UsersProfile";
        public const string EditProfile = "UsersEdit";
        public const string Health = "Health";
        public const string EditArticle = "ArticlesEdit";
        public const string PublishArticle = "ArticlesPublish";
        public const string WithdrawArticle = "ArticlesWithdraw";
        public const string ListArticles = "ArticlesList";
        public const string ArticleDetail = "ArticlesDetail";
        public const string PublishedArticle = "ArticlesPublished";
        public const string LikeArticle = "ArticlesLike";
        public const string CollectArticle = "ArticlesCollect";
        public const string HotList = "ArticlesHot";
        /// <summary>The scheduled hot-list computation (a timer in the Function App).</summary>
        public const string HotListJob = "HotListJob";
        /// <summary>The batched read-event consumer (a Kafka trigger in the Function App).</summary>
        public const string ReadEvents = "ReadEvents";
    }
}
