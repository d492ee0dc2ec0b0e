using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Articles;
using Webook.Core.Http;

namespace Webook.Functions;

public sealed class ArticleFunctions(ArticleHandlers handlers)
{
    [Function(ApiRoutes.Names.EditArticle)]
    public Task<IResult> Edit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.EditArticle)] HttpRequest request) =>
        handlers.EditAsync(request);

    [Function(ApiRoutes.Names.PublishArticle)]
    public Task<IResult> Publish([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.PublishArticle)] HttpRequest request) =>
        handlers.PublishAsync(request);

    [Function(ApiRoutes.Names.WithdrawArticle)]
    public Task<IResult> Withdraw([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.WithdrawArticle)] HttpRequest request) =>
        handlers.WithdrawAsync(request);

    [Function(ApiRoutes.Names.ListArticles)]
    public Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ListArticles)] HttpRequest request) =>
        handlers.ListAsync(request);

    [Function(ApiRoutes.Names.ArticleDetail)]
    public Task<IResult> Detail([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ArticleDetail)] HttpRequest request) =>
        handlers.DetailAsync(request);

    [Function(ApiRoutes.Names.PublishedArticle)]
    public Task<IResult> Published([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.PublishedArticle)] HttpRequest request) =>
        handlers.PublishedAsync(request);
}
