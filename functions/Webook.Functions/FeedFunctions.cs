using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core;
using Webook.Core.Feed;

namespace Webook.Functions;

public sealed class FeedFunctions
{
    [Function(FeedRoutes.Names.Feed)]
    public Task<IResult> Feed([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FeedRoutes.Feed)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(FeedRoutes.Names.Feed, request);

    [Function(FeedRoutes.Names.Latest)]
    public Task<IResult> Latest([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FeedRoutes.Latest)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(FeedRoutes.Names.Latest, request);
}
