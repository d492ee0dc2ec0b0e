using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Sms.Governance;

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

    /// <summary>Messages allowed per window, across all instances; 0 sends nothing at once (every message goes to the outbox).</summary>
    [Range(0, int.MaxValue)]
    public int Limit { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    [EnumDataType(typeof(RateLimitFailurePolicy))]
    public RateLimitFailurePolicy OnRedisFailure { get; set; } = RateLimitFailurePolicy.Refuse;
}
