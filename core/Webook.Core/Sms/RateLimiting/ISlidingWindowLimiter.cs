namespace Webook.Core.Sms.RateLimiting;

public interface ISlidingWindowLimiter
{
    /// <summary>True when one more event under <paramref name="key"/> fits in the window; it is then counted.</summary>
    Task<bool> TryAcquireAsync(string key, CancellationToken ct);
}
