using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Common;

namespace Webook.Core.Sms.RateLimiting;

/// <summary>
/// Client-side limit on what the providers are sent. The limit protects the provider account, so every
/// phone shares one key per chain ("sms:" + the inner sender's name). When the limiter cannot answer
/// (Redis down) the configured <see cref="RateLimitFailurePolicy"/> decides.
/// </summary>
public sealed class RateLimitedSmsSender(ISmsSender inner, ISlidingWindowLimiter limiter, IOptions<RateLimitOptions> options,
    ILogger<RateLimitedSmsSender> logger) : ISmsSender
{
    public string Name => inner.Name;

    public async Task SendAsync(SmsMessage message, CancellationToken ct)
    {
        if (!await AllowedAsync(ct)) throw new SmsRateLimitedException($"Too many SMS were sent through '{Name}' in the last window.");
        await inner.SendAsync(message, ct);
    }

    private async Task<bool> AllowedAsync(CancellationToken ct)
    {
        try
        {
            var limit = new WindowLimit(options.Value.Limit, options.Value.Window);
            return await limiter.TryAcquireAsync("sms:" + inner.Name, limit, ct) is not null;
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            var policy = options.Value.OnRedisFailure;
            logger.LogWarning(e, "SMS rate limiter for {Sender} unavailable; applying policy {Policy}", inner.Name, policy);
            return policy == RateLimitFailurePolicy.Allow;
        }
    }
}
