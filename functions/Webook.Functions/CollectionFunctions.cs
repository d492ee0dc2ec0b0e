using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core;
using Webook.Core.Collections;

namespace Webook.Functions;

public sealed class CollectionFunctions
{
    [Function(CollectionRoutes.Names.Save)]
    public Task<IResult> Save([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = CollectionRoutes.Save)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(CollectionRoutes.Names.Save, request);

    [Function(CollectionRoutes.Names.List)]
    public Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CollectionRoutes.List)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(CollectionRoutes.Names.List, request);

    [Function(CollectionRoutes.Names.Delete)]
    public Task<IResult> Delete([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = CollectionRoutes.Delete)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(CollectionRoutes.Names.Delete, request);

    [Function(CollectionRoutes.Names.Move)]
    public Task<IResult> Move([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = CollectionRoutes.Move)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(CollectionRoutes.Names.Move, request);

    [Function(CollectionRoutes.Names.Liked)]
    public Task<IResult> Liked([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CollectionRoutes.Liked)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(CollectionRoutes.Names.Liked, request);

    [Function(CollectionRoutes.Names.Collected)]
    public Task<IResult> Collected([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CollectionRoutes.Collected)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(CollectionRoutes.Names.Collected, request);
}
