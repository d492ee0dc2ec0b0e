using Microsoft.Extensions.Options;
using Webook.Core.Comments;
using Webook.Core.Follows;
using Webook.Core.Interactions;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Notifications.Kafka;

/// <summary>Webook.Server's notifier: the shared consumer loop on the event topics, each batch applied by <see cref="NotificationEvents"/>.</summary>
public sealed class KafkaNotificationConsumer(NotificationEvents events, KafkaBatchConsumer loop, IOptions<NotificationOptions> options, IOptions<FollowOptions> follows,
    IOptions<CommentOptions> comments, IOptions<InteractionOptions> interactions) : IEventConsumerLoop
{
    public string Name => "notification consumer";

    public bool Enabled => options.Value.ConsumerEnabled;

    public TimeSpan RetryDelay => options.Value.RetryDelay;

    public Task RunAsync(CancellationToken stop)
    {
        var settings = options.Value.Loop(Name, [follows.Value.EventTopic, comments.Value.EventTopic, interactions.Value.EventTopic]);
        return loop.RunAsync(settings, (batch, ct) => events.HandleAsync(batch.Select(r => r.Message.Value).ToList(), ct), null, stop);
    }
}
