using Microsoft.AspNetCore.Http;

namespace Webook.Core.Http;

/// <summary>One route: its function name (Webook.Server's endpoint name), its one HTTP method and its template.</summary>
public sealed record ApiRoute(string Name, string Method, string Template);

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

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        new(Names.Signup, HttpMethods.Post, Signup),
        new(Names.Login, HttpMethods.Post, Login),
        new(Names.SendSmsCode, HttpMethods.Post, SendSmsCode),
        new(Names.LoginSms, HttpMethods.Post, LoginSms),
        new(Names.RefreshToken, HttpMethods.Post, RefreshToken),
        new(Names.Logout, HttpMethods.Post, Logout),
        new(Names.Profile, HttpMethods.Get, Profile),
        new(Names.EditProfile, HttpMethods.Post, EditProfile),
        new(Names.Health, HttpMethods.Get, Health),
        new(Names.EditArticle, HttpMethods.Post, EditArticle),
        new(Names.PublishArticle, HttpMethods.Post, PublishArticle),
        new(Names.WithdrawArticle, HttpMethods.Post, WithdrawArticle),
        new(Names.ListArticles, HttpMethods.Post, ListArticles),
        new(Names.ArticleDetail, HttpMethods.Get, ArticleDetail),
        new(Names.PublishedArticle, HttpMethods.Get, PublishedArticle),
        new(Names.LikeArticle, HttpMethods.Post, LikeArticle),
        new(Names.CollectArticle, HttpMethods.Post, CollectArticle),
        new(Names.HotList, HttpMethods.Get, HotList),
    ];

    /// <summary>The timers of the Function App (Webook.Server schedules the same jobs from the same settings).</summary>
    public static readonly IReadOnlyList<ScheduledJobRoute> ScheduledJobs =
    [
        new(Names.SmsRetry, "Sms:Retry:Schedule"),
        new(Names.ArticleBlobSweep, "Articles:SweepSchedule"),
        new(Names.HotListJob, "HotList:Schedule"),
    ];

    /// <summary>The route of <paramref name="name"/>; a name that is not on the table is a bug in the host.</summary>
    public static ApiRoute Named(string name) =>
        All.FirstOrDefault(r => r.Name == name) ?? throw new ArgumentException($"No route is named {name}.", nameof(name));

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
