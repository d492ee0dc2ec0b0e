using Microsoft.Azure.Functions.Worker;
using Webook.Core.Http;
using Webook.Core.Sms.Outbox;

namespace Webook.Functions;

public sealed class SmsRetryFunction(SmsRetryJob job)
{
    // The schedule is the app setting Sms__Retry__Schedule (the host resolves %...% from configuration);
    // a timer function runs on one instance at a time.
    [Function(ApiRoutes.Names.SmsRetry)]
    public async Task Run([TimerTrigger("%Sms:Retry:Schedule%")] TimerInfo timer, CancellationToken ct) =>
        await job.RunAsync(ct);
}
