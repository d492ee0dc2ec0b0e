using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core;
using Webook.Core.Rewards;

namespace Webook.Functions;

public sealed class RewardFunctions(RewardReconciler reconciler)
{
    [Function(RewardRoutes.Names.Reward)]
    public Task<IResult> Reward([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = RewardRoutes.Reward)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(RewardRoutes.Names.Reward, request);

    [Function(RewardRoutes.Names.Detail)]
    public Task<IResult> Detail([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = RewardRoutes.Detail)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(RewardRoutes.Names.Detail, request);

    [Function(RewardRoutes.Names.Wallet)]
    public Task<IResult> Wallet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RewardRoutes.Wallet)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(RewardRoutes.Names.Wallet, request);

    // The schedule is the app setting Rewards__ReconcileSchedule; two runs at once repair nothing twice (credits are unique).
    [Function(RewardRoutes.Names.Reconcile)]
    public async Task Reconcile([TimerTrigger("%Rewards:ReconcileSchedule%")] TimerInfo timer, CancellationToken ct) => await reconciler.RunAsync(ct);
}
