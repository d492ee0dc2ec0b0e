using Webook.Core.Accounts;
using Webook.Core.Articles;
using Webook.Core.Health;
using Webook.Core.Http;
using Webook.Core.Interactions;
using Webook.Core.Ranking;

namespace Webook.Server;

/// <summary>Binds core's route table (<see cref="ApiRoutes.All"/>: name, method, template) to core's handlers, as the Function App's [Function] methods do.</summary>
public static class EndpointMapping
{
    public static void MapWebookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapRoute(ApiRoutes.Names.Signup, (HttpRequest r, UserHandlers h) => h.SignupAsync(r))
            .Takes<SignupRequest>().Answers();
        app.MapRoute(ApiRoutes.Names.Login, (HttpRequest r, UserHandlers h) => h.LoginAsync(r))
            .Takes<LoginRequest>().Answers().IssuesTokens();
        app.MapRoute(ApiRoutes.Names.SendSmsCode, (HttpRequest r, SmsLoginHandlers h) => h.SendCodeAsync(r))
            .Takes<SendSmsCodeRequest>().Answers();
        app.MapRoute(ApiRoutes.Names.LoginSms, (HttpRequest r, SmsLoginHandlers h) => h.LoginAsync(r))
            .Takes<SmsLoginRequest>().Answers().IssuesTokens();
        app.MapRoute(ApiRoutes.Names.RefreshToken, (HttpRequest r, UserHandlers h) => h.RefreshTokenAsync(r))
            .Wants(TokenUse.Refresh).Answers().IssuesTokens();
        app.MapRoute(ApiRoutes.Names.Logout, (HttpRequest r, UserHandlers h) => h.LogoutAsync(r))
            .Wants(TokenUse.Access).Answers();
        app.MapRoute(ApiRoutes.Names.Profile, (HttpRequest r, UserHandlers h) => h.ProfileAsync(r))
            .Wants(TokenUse.Access).Answers<ProfileView>();
        app.MapRoute(ApiRoutes.Names.EditProfile, (HttpRequest r, UserHandlers h) => h.EditAsync(r))
            .Wants(TokenUse.Access).Takes<EditProfileRequest>().Answers();
        app.MapRoute(ApiRoutes.Names.EditArticle, (HttpRequest r, ArticleHandlers h) => h.EditAsync(r))
            .Wants(TokenUse.Access).Takes<SaveArticleRequest>().Answers<long?>();
        app.MapRoute(ApiRoutes.Names.PublishArticle, (HttpRequest r, ArticleHandlers h) => h.PublishAsync(r))
            .Wants(TokenUse.Access).Takes<SaveArticleRequest>().Answers<long?>();
        app.MapRoute(ApiRoutes.Names.WithdrawArticle, (HttpRequest r, ArticleHandlers h) => h.WithdrawAsync(r))
            .Wants(TokenUse.Access).Takes<WithdrawArticleRequest>().Answers();
        app.MapRoute(ApiRoutes.Names.ListArticles, (HttpRequest r, ArticleHandlers h) => h.ListAsync(r))
            .Wants(TokenUse.Access).Takes<ListArticlesRequest>().Answers<List<ArticleListItem>>();
        app.MapRoute(ApiRoutes.Names.ArticleDetail, (HttpRequest r, ArticleHandlers h) => h.DetailAsync(r))
            .Wants(TokenUse.Access).Answers<ArticleDetailView>();
        app.MapRoute(ApiRoutes.Names.PublishedArticle, (HttpRequest r, ArticleHandlers h) => h.PublishedAsync(r))
            .Wants(TokenUse.OptionalAccess).Answers<PublishedArticleView>();
        app.MapRoute(ApiRoutes.Names.LikeArticle, (HttpRequest r, InteractionHandlers h) => h.LikeAsync(r))
            .Wants(TokenUse.Access).Takes<LikeRequest>().Answers();
        app.MapRoute(ApiRoutes.Names.CollectArticle, (HttpRequest r, InteractionHandlers h) => h.CollectAsync(r))
            .Wants(TokenUse.Access).Takes<CollectRequest>().Answers();
        app.MapRoute(ApiRoutes.Names.HotList, (HttpRequest r, HotListHandlers h) => h.HotAsync(r))
            .Wants(TokenUse.OptionalAccess).Answers<List<HotArticle>>();
        app.MapRoute(ApiRoutes.Names.Health, (HttpRequest r, HealthHandler h) => h.CheckAsync(r))
            .Answers<HealthView>();
        // Every other path or method: 404 or 405 (with Allow) in the envelope, as the Function App's catch-all function answers.
        app.Map("/" + NoRouteHandler.Template, NoRouteHandler.Answer).ExcludeFromDescription();
    }

    /// <summary>The route of the table named <paramref name="name"/>: its one method and its template, under its function name.</summary>
    private static RouteHandlerBuilder MapRoute(this IEndpointRouteBuilder app, string name, Delegate handler)
    {
        var route = ApiRoutes.Named(name);
        return app.MapMethods("/" + route.Template, [route.Method], handler).WithName(name);
    }
}
