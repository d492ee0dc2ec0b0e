using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Http;
using Webook.Core.Ranking;

namespace Webook.Functions;

public sealed class HotListFunctions(IHotListJob job)
{
    [Function(ApiRoutes.Names.HotList)]
    public Task<IResult> Hot([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.HotList)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.HotList, request);

    // The schedule is the app setting HotList__Schedule; a timer function runs on one instance at a time
    // (the host's singleton lock), so the Function App needs no lease of its own.
    [Function(ApiRoutes.Names.HotListJob)]
    public async Task Compute([TimerTrigger("%HotList:Schedule%")] TimerInfo timer, CancellationToken ct) =>
        await job.RunAsync(ct);
}
