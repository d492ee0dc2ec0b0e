using Microsoft.Extensions.Logging;
using Webook.Core.Observability;
using Microsoft.Extensions.Options;

namespace Webook.Core.Sms.Outbox;

/// <summary>
/// Sends stored messages that are due, then counts what is still waiting (the outbox depth metric). Both
/// hosts run it on the configured schedule.
/// </summary>
public sealed class SmsRetryJob(ISmsOutbox outbox, GovernedSmsSender sender, IOptions<SmsRetryOptions> options, SmsMetrics metrics,
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

/// <summary>The rate-limited failover chain of providers, without the outbox: what the retry job sends through.</summary>
public sealed class GovernedSmsSender(ISmsSender chain) : ISmsSender
{
    public string Name => chain.Name;
    public Task SendAsync(SmsMessage message, CancellationToken ct) => chain.SendAsync(message, ct);
}
