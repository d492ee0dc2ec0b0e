using System.ComponentModel.DataAnnotations;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Notifications;

public sealed class NotificationOptions : KafkaConsumerOptions
{
    public const string Section = "Notifications";

    public NotificationOptions() => ConsumerGroup = "webook-notifications";

    /// <summary>
    /// Likes (or collects) of one article within this time of the first one fold into one notification with a count;
    /// a later one starts the next.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan FoldWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Unread notifications counted at most; more show as this number.</summary>
    [Range(1, 10_000)]
    public int UnreadCap { get; set; } = 99;
}
