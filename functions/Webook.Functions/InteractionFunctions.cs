using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Http;
using Webook.Core.Interactions;

namespace Webook.Functions;

public sealed class InteractionFunctions(InteractionHandlers handlers)
{
    [Function(ApiRoutes.Names.LikeArticle)]
    public Task<IResult> Like([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.LikeArticle)] HttpRequest request) =>
        handlers.LikeAsync(request);

    [Function(ApiRoutes.Names.CollectArticle)]
    public Task<IResult> Collect([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.CollectArticle)] HttpRequest request) =>
        handlers.CollectAsync(request);
}
