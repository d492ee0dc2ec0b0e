using Microsoft.Extensions.Logging;

namespace Webook.Core.Sms.Outbox;

/// <summary>
/// Sync to async: when the limiter refuses or no provider can take the message now, it is stored and
/// the retry job sends it later; the caller sees success because the message is accepted.
/// </summary>
public sealed class OutboxSmsSender(ISmsSender inner, ISmsOutbox outbox, SmsMetrics metrics, ILogger<OutboxSmsSender> logger) : ISmsSender
{
    public string Name => inner.Name;

    public async Task SendAsync(SmsMessage message, CancellationToken ct)
    {
        try
        {
            await inner.SendAsync(message, ct);
        }
        catch (Exception e) when (e is SmsRateLimitedException or SmsUnavailableException)
        {
            logger.LogWarning("SMS not sent now ({Reason}); stored for retry", e.GetType().Name);
            await outbox.AddAsync(message, CancellationToken.None);
            metrics.Stored(e is SmsRateLimitedException ? "rate_limited" : "unavailable");
        }
    }
}
