using System.ComponentModel.DataAnnotations;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Rewards;

/// <summary>Rewards, their consumer of payment events (Payments:EventTopic), the status cache and the reconciler.</summary>
public sealed class RewardOptions : KafkaConsumerOptions
{
    public const string Section = "Rewards";

    public RewardOptions() => ConsumerGroup = "webook-rewards";

    /// <summary>The largest reward in fen.</summary>
    [Range(1, 100_000_000)]
    public long MaxAmount { get; set; } = 100_000;

    /// <summary>The platform's share of a reward, floor(amount x rate); the author gets the rest. A decimal, never a float.</summary>
    [Range(typeof(decimal), "0", "1")]
    public decimal PlatformRate { get; set; } = 0.10m;

    /// <summary>How long a detail poll's answer of an unpaid reward is served from Redis (a paid or failed one is final).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PendingStatusLifetime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a final status is served from Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan FinalStatusLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Largest random pause before a ledger credit that lost a race to another instance tries again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ConflictBackoff { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>NCRONTAB with seconds: the reconciler (the Function App's timer %Rewards:ReconcileSchedule% and Webook.Server's scheduler).</summary>
    [Required]
    public string ReconcileSchedule { get; set; } = "0 7 * * * *";

    /// <summary>The rewards one run checks: those made in this window, ending <see cref="ReconcileSettle"/> ago.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "31.00:00:00")]
    public TimeSpan ReconcileWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Rewards younger than this are left alone (their payment may be on its way); longer than an order's life plus the sync margin.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ReconcileSettle { get; set; } = TimeSpan.FromHours(1);
}
