using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Payments;

/// <summary>The payment records, their events and the sync job (WeChat Pay's own settings: <see cref="WeChatPayOptions"/>).</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>The Kafka topic of <see cref="PaymentEvent"/>s.</summary>
    [Required]
    public string EventTopic { get; set; } = "payment_events";

    /// <summary>NCRONTAB with seconds: the sync job (the Function App's timer %Payments:SyncSchedule% and Webook.Server's scheduler).</summary>
    [Required]
    public string SyncSchedule { get; set; } = "15 */1 * * * *";

    /// <summary>A payment still Init this long after its order expired is asked after at WeChat Pay (its callback was lost).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan SyncMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Payments one sync run looks at, oldest first; the next run takes the rest.</summary>
    [Range(1, 10_000)]
    public int SyncBatch { get; set; } = 100;

    /// <summary>Tries of a status change that lost a race (a callback and the sync job at once).</summary>
    [Range(1, 100)]
    public int WriteAttempts { get; set; } = 10;
}
