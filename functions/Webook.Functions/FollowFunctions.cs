using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Follows;
using Webook.Core;

namespace Webook.Functions;

public sealed class FollowFunctions(FollowGraph graph)
{
    [Function(FollowRoutes.Names.Follow)]
    public Task<IResult> Follow([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowRoutes.Follow)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(FollowRoutes.Names.Follow, request);

    [Function(FollowRoutes.Names.Cancel)]
    public Task<IResult> Cancel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowRoutes.Cancel)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(FollowRoutes.Names.Cancel, request);

    [Function(FollowRoutes.Names.Followees)]
    public Task<IResult> Followees([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowRoutes.Followees)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(FollowRoutes.Names.Followees, request);

    [Function(FollowRoutes.Names.Followers)]
    public Task<IResult> Followers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowRoutes.Followers)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(FollowRoutes.Names.Followers, request);

    [Function(FollowRoutes.Names.Static)]
    public Task<IResult> Static([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowRoutes.Static)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(FollowRoutes.Names.Static, request);

    [Function(FollowRoutes.Names.Check)]
    public Task<IResult> Check([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowRoutes.Check)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(FollowRoutes.Names.Check, request);

    [Function(FollowRoutes.Names.Friends)]
    public Task<IResult> Friends([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowRoutes.Friends)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(FollowRoutes.Names.Friends, request);

    // The schedule is the app setting Follows__RepairSchedule; the repair is safe on any number of instances at once.
    [Function(FollowRoutes.Names.Repair)]
    public async Task Repair([TimerTrigger("%Follows:RepairSchedule%")] TimerInfo timer, CancellationToken ct) =>
        await graph.RepairAsync(ct);
}
