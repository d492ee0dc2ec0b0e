using Webook.Core.Accounts;
using Webook.Core.Articles;
using Webook.Core.Health;
using Webook.Core.Http;
using Webook.Core.Interactions;
using Webook.Core.Ranking;

namespace Webook.Server;

/// <summary>Binds core's route table to core's handlers, as the Function App's [Function] methods do.</summary>
public static class EndpointMapping
{
    public static void MapWebookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path(ApiRoutes.Signup), (HttpRequest r, UserHandlers h) => h.SignupAsync(r)).WithName(ApiRoutes.Names.Signup)
            .Takes<SignupRequest>().Answers();
        app.MapPost(Path(ApiRoutes.Login), (HttpRequest r, UserHandlers h) => h.LoginAsync(r)).WithName(ApiRoutes.Names.Login)
            .Takes<LoginRequest>().Answers().IssuesTokens();
        app.MapPost(Path(ApiRoutes.SendSmsCode), (HttpRequest r, SmsLoginHandlers h) => h.SendCodeAsync(r)).WithName(ApiRoutes.Names.SendSmsCode)
            .Takes<SendSmsCodeRequest>().Answers();
        app.MapPost(Path(ApiRoutes.LoginSms), (HttpRequest r, SmsLoginHandlers h) => h.LoginAsync(r)).WithName(ApiRoutes.Names.LoginSms)
            .Takes<SmsLoginRequest>().Answers().IssuesTokens();
        app.MapPost(Path(ApiRoutes.RefreshToken), (HttpRequest r, UserHandlers h) => h.RefreshTokenAsync(r)).WithName(ApiRoutes.Names.RefreshToken)
            .Wants(TokenUse.Refresh).Answers().IssuesTokens();
        app.MapPost(Path(ApiRoutes.Logout), (HttpRequest r, UserHandlers h) => h.LogoutAsync(r)).WithName(ApiRoutes.Names.Logout)
            .Wants(TokenUse.Access).Answers();
        app.MapGet(Path(ApiRoutes.Profile), (HttpRequest r, UserHandlers h) => h.ProfileAsync(r)).WithName(ApiRoutes.Names.Profile)
            .Wants(TokenUse.Access).Answers<ProfileView>();
        app.MapPost(Path(ApiRoutes.EditProfile), (HttpRequest r, UserHandlers h) => h.EditAsync(r)).WithName(ApiRoutes.Names.EditProfile)
            .Wants(TokenUse.Access).Takes<EditProfileRequest>().Answers();
        app.MapPost(Path(ApiRoutes.EditArticle), (HttpRequest r, ArticleHandlers h) => h.EditAsync(r)).WithName(ApiRoutes.Names.EditArticle)
            .Wants(TokenUse.Access).Takes<SaveArticleRequest>().Answers<long?>();
        app.MapPost(Path(ApiRoutes.PublishArticle), (HttpRequest r, ArticleHandlers h) => h.PublishAsync(r)).WithName(ApiRoutes.Names.PublishArticle)
            .Wants(TokenUse.Access).Takes<SaveArticleRequest>().Answers<long?>();
        app.MapPost(Path(ApiRoutes.WithdrawArticle), (HttpRequest r, ArticleHandlers h) => h.WithdrawAsync(r)).WithName(ApiRoutes.Names.WithdrawArticle)
            .Wants(TokenUse.Access).Takes<WithdrawArticleRequest>().Answers();
        app.MapPost(Path(ApiRoutes.ListArticles), (HttpRequest r, ArticleHandlers h) => h.ListAsync(r)).WithName(ApiRoutes.Names.ListArticles)
            .Wants(TokenUse.Access).Takes<ListArticlesRequest>().Answers<List<ArticleListItem>>();
        app.MapGet(Path(ApiRoutes.ArticleDetail), (HttpRequest r, ArticleHandlers h) => h.DetailAsync(r)).WithName(ApiRoutes.Names.ArticleDetail)
            .Wants(TokenUse.Access).Answers<ArticleDetailView>();
        app.MapGet(Path(ApiRoutes.PublishedArticle), (HttpRequest r, ArticleHandlers h) => h.PublishedAsync(r)).WithName(ApiRoutes.Names.PublishedArticle)
            .Wants(TokenUse.OptionalAccess).Answers<PublishedArticleView>();
        app.MapPost(Path(ApiRoutes.LikeArticle), (HttpRequest r, InteractionHandlers h) => h.LikeAsync(r)).WithName(ApiRoutes.Names.LikeArticle)
            .Wants(TokenUse.Access).Takes<LikeRequest>().Answers();
        app.MapPost(Path(ApiRoutes.CollectArticle), (HttpRequest r, InteractionHandlers h) => h.CollectAsync(r)).WithName(ApiRoutes.Names.CollectArticle)
            .Wants(TokenUse.Access).Takes<CollectRequest>().Answers();
        app.MapGet(Path(ApiRoutes.HotList), (HttpRequest r, HotListHandlers h) => h.HotAsync(r)).WithName(ApiRoutes.Names.HotList)
            .Wants(TokenUse.OptionalAccess).Answers<List<HotArticle>>();
        app.MapGet(Path(ApiRoutes.Health), (HttpRequest r, HealthHandler h) => h.CheckAsync(r)).WithName(ApiRoutes.Names.Health)
            .Answers<HealthView>();
    }

    private static string Path(string template) => "/" + template;
}
