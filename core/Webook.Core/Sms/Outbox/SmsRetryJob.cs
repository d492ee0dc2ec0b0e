using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webook.Core.Observability;
using Microsoft.Extensions.Options;

namespace Webook.Core.Sms.Outbox;

/// <summary>
/// Sends stored messages that are due, then counts what is still waiting (the outbox depth metric). Both
/// hosts run it on the configured schedule. It sends through the rate-limited failover chain itself, the part inside
/// the outbox, so a message that still cannot go stays where it is.
/// </summary>
public sealed class SmsRetryJob(ISmsOutbox outbox, [FromKeyedServices(SmsRegistration.WithoutOutbox)] ISmsSender sender, IOptions<SmsRetryOptions> options, SmsMetrics metrics,
    ILogger<SmsRetryJob> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var span = WebookTelemetry.Source.StartActivity("sms retry job");
        var claims = await outbox.ClaimDueAsync(options.Value.BatchSize, ct);
        var sent = 0;
        foreach (var claim in claims)
        {
            try
            {
                await sender.SendAsync(claim.Message, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Stored SMS {Id} failed on attempt {Attempt}", claim.Id, claim.Attempt);
                await outbox.ReleaseAsync(claim, ct);
                continue;
            }
            await outbox.MarkSentAsync(claim, ct);
            sent++;
        }
        metrics.ReportOutboxDepth(await outbox.CountPendingAsync(ct));
        span?.SetTag("webook.sms.claimed", claims.Count);
        span?.SetTag("webook.sms.sent", sent);
        return sent;
    }
}

