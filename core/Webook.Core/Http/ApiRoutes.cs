namespace Webook.Core.Http;

/// <summary>
/// The single route table both hosts serve. Constants, so the Function App can use them in attributes.
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
