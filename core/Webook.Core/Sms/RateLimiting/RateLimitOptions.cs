namespace Webook.Core.Sms.RateLimiting;

public enum RateLimitFailurePolicy
{
    /// <summary>Treat the send as limited: the message goes to the outbox and nothing is lost.</summary>
    Refuse,

    /// <summary>Send without a limit while Redis is down.</summary>
    Allow,
}

public sealed class RateLimitOptions
{
    public const string Section = "Sms:RateLimit";

    /// <summary>Messages allowed per window, across all instances.</summary>
    public int Limit { get; set; } = 100;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    public RateLimitFailurePolicy OnRedisFailure { get; set; } = RateLimitFailurePolicy.Refuse;
}
