using Microsoft.Azure.Functions.Worker;
using Webook.Core;
using Webook.Core.Storage.Tables;

namespace Webook.Functions;

public sealed class OutboxFunctions(TableOutbox outbox)
{
    // The schedule is the app setting Outbox__SweepSchedule; sweeps on several instances at once send a row twice at worst.
    [Function(ApiRoutes.OutboxSweepName)]
    public async Task Sweep([TimerTrigger("%Outbox:SweepSchedule%")] TimerInfo timer, CancellationToken ct) => await outbox.SweepAsync(ct);
}
