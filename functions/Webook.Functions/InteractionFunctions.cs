using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Http;
using Webook.Core.Interactions;

namespace Webook.Functions;

public sealed class InteractionFunctions
{
    [Function(ApiRoutes.Names.LikeArticle)]
    public Task<IResult> Like([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.LikeArticle)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.LikeArticle, request);

    [Function(ApiRoutes.Names.CollectArticle)]
    public Task<IResult> Collect([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.CollectArticle)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.CollectArticle, request);
}
