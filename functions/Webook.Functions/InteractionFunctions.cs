using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Http;
using Webook.Core.Interactions;
using Webook.Core;

namespace Webook.Functions;

public sealed class InteractionFunctions
{
    [Function(InteractionRoutes.Names.LikeArticle)]
    public Task<IResult> Like([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = InteractionRoutes.LikeArticle)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(InteractionRoutes.Names.LikeArticle, request);

    [Function(InteractionRoutes.Names.CollectArticle)]
    public Task<IResult> Collect([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = InteractionRoutes.CollectArticle)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(InteractionRoutes.Names.CollectArticle, request);
}
