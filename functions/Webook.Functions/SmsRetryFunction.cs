using Microsoft.Azure.Functions.Worker;
using Webook.Core.Sms.Outbox;
using Webook.Core.Sms;

namespace Webook.Functions;

public sealed class SmsRetryFunction(SmsRetryJob job)
{
    // The schedule is the app setting Sms__Retry__Schedule (the host resolves %...% from configuration);
    // a timer function runs on one instance at a time.
    [Function(SmsRoutes.Names.SmsRetry)]
    public async Task Run([TimerTrigger("%Sms:Retry:Schedule%")] TimerInfo timer, CancellationToken ct) =>
        await job.RunAsync(ct);
}
