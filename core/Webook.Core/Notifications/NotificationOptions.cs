using System.ComponentModel.DataAnnotations;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Notifications;

public sealed class NotificationOptions : KafkaConsumerOptions
{
    public const string Section = "Notifications";

    public NotificationOptions() => ConsumerGroup = "webook-notifications";

    /// <summary>Unread notifications counted at most; more show as this number.</summary>
    [Range(1, 10_000)]
    public int UnreadCap { get; set; } = 99;
}
