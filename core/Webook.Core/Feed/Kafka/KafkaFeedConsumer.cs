using Microsoft.Extensions.Options;
using Webook.Core.Follows;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Feed.Kafka;

/// <summary>Webook.Server's feed writer: the shared consumer loop on the article and follow topics, each batch applied by <see cref="FeedEvents"/>.</summary>
public sealed class KafkaFeedConsumer(FeedEvents events, KafkaBatchConsumer loop, IOptions<FeedOptions> options, IOptions<FollowOptions> follows) : IEventConsumerLoop
{
    public string Name => "feed consumer";

    public bool Enabled => options.Value.ConsumerEnabled;

    public TimeSpan RetryDelay => options.Value.RetryDelay;

    public Task RunAsync(CancellationToken stop) =>
        loop.RunAsync(options.Value.Loop(Name, [options.Value.ArticleEventTopic, follows.Value.EventTopic]),
            (batch, ct) => events.HandleAsync(batch.Select(r => r.Message.Value).ToList(), ct), null, stop);
}
