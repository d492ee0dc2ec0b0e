using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core;
using Webook.Core.Payments;

namespace Webook.Functions;

public sealed class PaymentFunctions(PaymentSyncJob sync)
{
    [Function(PaymentRoutes.Names.Notify)]
    public Task<IResult> Notify([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PaymentRoutes.Notify)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(PaymentRoutes.Names.Notify, request);

    // The schedule is the app setting Payments__SyncSchedule; two runs at once apply one answer twice at worst, which moves nothing twice.
    [Function(PaymentRoutes.Names.Sync)]
    public async Task Sync([TimerTrigger("%Payments:SyncSchedule%")] TimerInfo timer, CancellationToken ct) => await sync.RunAsync(ct);
}
