using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Articles;
using Webook.Core.Http;

namespace Webook.Functions;

public sealed class ArticleFunctions
{
    [Function(ApiRoutes.Names.EditArticle)]
    public Task<IResult> Edit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.EditArticle)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.EditArticle, request);

    [Function(ApiRoutes.Names.PublishArticle)]
    public Task<IResult> Publish([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.PublishArticle)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.PublishArticle, request);

    [Function(ApiRoutes.Names.WithdrawArticle)]
    public Task<IResult> Withdraw([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.WithdrawArticle)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.WithdrawArticle, request);

    [Function(ApiRoutes.Names.ListArticles)]
    public Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ListArticles)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.ListArticles, request);

    [Function(ApiRoutes.Names.ArticleDetail)]
    public Task<IResult> Detail([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ArticleDetail)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.ArticleDetail, request);

    [Function(ApiRoutes.Names.PublishedArticle)]
    public Task<IResult> Published([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.PublishedArticle)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.PublishedArticle, request);
}
