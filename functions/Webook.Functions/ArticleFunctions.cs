using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Articles;
using Webook.Core.Http;
using Webook.Core;

namespace Webook.Functions;

public sealed class ArticleFunctions
{
    [Function(ArticleRoutes.Names.EditArticle)]
    public Task<IResult> Edit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ArticleRoutes.EditArticle)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ArticleRoutes.Names.EditArticle, request);

    [Function(ArticleRoutes.Names.PublishArticle)]
    public Task<IResult> Publish([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ArticleRoutes.PublishArticle)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ArticleRoutes.Names.PublishArticle, request);

    [Function(ArticleRoutes.Names.WithdrawArticle)]
    public Task<IResult> Withdraw([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ArticleRoutes.WithdrawArticle)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ArticleRoutes.Names.WithdrawArticle, request);

    [Function(ArticleRoutes.Names.ListArticles)]
    public Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ArticleRoutes.ListArticles)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ArticleRoutes.Names.ListArticles, request);

    [Function(ArticleRoutes.Names.ArticleDetail)]
    public Task<IResult> Detail([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ArticleRoutes.ArticleDetail)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ArticleRoutes.Names.ArticleDetail, request);

    [Function(ArticleRoutes.Names.PublishedArticle)]
    public Task<IResult> Published([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ArticleRoutes.PublishedArticle)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ArticleRoutes.Names.PublishedArticle, request);
}
