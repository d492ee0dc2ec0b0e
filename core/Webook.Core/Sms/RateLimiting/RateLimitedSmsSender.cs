using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webook.Core.Sms.RateLimiting;

/// <summary>Client-side limit on what the providers are sent: the limit protects the provider account, so one key per chain.</summary>
public sealed class RateLimitedSmsSender(ISmsSender inner, ISlidingWindowLimiter limiter, IOptions<RateLimitOptions> options,
    ILogger<RateLimitedSmsSender> logger) : ISmsSender
{
    public string Name => inner.Name;

    public async Task SendAsync(SmsMessage message, CancellationToken ct)
    {
        if (!await AllowedAsync(ct)) throw new SmsRateLimitedException("Too many SMS were sent in the last window.");
        await inner.SendAsync(message, ct);
    }

    private async Task<bool> AllowedAsync(CancellationToken ct)
    {
        try
        {
            return await limiter.TryAcquireAsync("sms:" + inner.Name, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var allow = options.Value.OnRedisFailure == RateLimitFailurePolicy.Allow;
            logger.LogWarning(e, "SMS rate limiter unavailable; policy {Policy}", options.Value.OnRedisFailure);
            return allow;
        }
    }
}
