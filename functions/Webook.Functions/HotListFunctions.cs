using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Http;
using Webook.Core.Ranking;
using Webook.Core;

namespace Webook.Functions;

public sealed class HotListFunctions(IHotListJob job)
{
    [Function(HotListRoutes.Names.HotList)]
    public Task<IResult> Hot([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HotListRoutes.HotList)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(HotListRoutes.Names.HotList, request);

    // The schedule is the app setting HotList__Schedule; a timer function runs on one instance at a time
    // (the host's singleton lock), so the Function App needs no lease of its own.
    [Function(HotListRoutes.Names.HotListJob)]
    public async Task Compute([TimerTrigger("%HotList:Schedule%")] TimerInfo timer, CancellationToken ct) =>
        await job.RunAsync(ct);
}
