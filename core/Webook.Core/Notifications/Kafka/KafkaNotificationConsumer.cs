using Microsoft.Extensions.Options;
using Webook.Core.Comments;
using Webook.Core.Follows;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Notifications.Kafka;

/// <summary>Webook.Server's notifier: the shared consumer loop on the event topics, each batch applied by <see cref="NotificationEvents"/>.</summary>
public sealed class KafkaNotificationConsumer(NotificationEvents events, KafkaBatchConsumer loop, IOptions<NotificationOptions> options, IOptions<FollowOptions> follows,
    IOptions<CommentOptions> comments)
{
    public Task RunAsync(CancellationToken stop)
    {
        var o = options.Value;
        var settings = new KafkaBatchSettings("notification consumer", [follows.Value.EventTopic, comments.Value.EventTopic], o.ConsumerGroup, o.BatchSize, o.BatchWait, o.RetryDelay,
            o.SessionTimeout, o.TopicRefreshInterval);
        return loop.RunAsync(settings, (batch, ct) => events.HandleAsync(batch.Select(r => r.Message.Value).ToList(), ct), null, stop);
    }
}
