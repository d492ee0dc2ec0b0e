using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Webook.Core.Interactions;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Interactions.Kafka;

/// <summary>
/// The read counter of Webook.Server: the shared consumer loop (<see cref="KafkaBatchConsumer"/>) on the read-event
/// topic, each batch applied by <see cref="ReadEventBatchHandler"/>, which ignores what it applied before.
/// </summary>
public sealed class KafkaReadEventConsumer(ReadEventBatchHandler handler, KafkaBatchConsumer loop, IOptions<ReadEventOptions> options, ReadEventMetrics metrics)
    : IEventConsumerLoop
{
    public string Name => "read-event consumer";

    public bool Enabled => options.Value.ConsumerEnabled;

    public TimeSpan RetryDelay => options.Value.RetryDelay;

    public Task RunAsync(CancellationToken stop)
    {
        var o = options.Value;
        var settings = new KafkaBatchSettings(Name, [o.Topic], o.ConsumerGroup, o.BatchSize, o.BatchWait, o.RetryDelay, o.SessionTimeout,
            o.TopicRefreshInterval);
        return loop.RunAsync(settings, (batch, ct) => handler.HandleAsync(batch.Select(ToMessage).ToList(), ct), metrics.ReportLag, stop);
    }

    private static ReadEventMessage ToMessage(ConsumeResult<Ignore, byte[]> result) =>
        new(new EventPosition(result.Topic, result.Partition.Value, result.Offset.Value), result.Message.Value);
}
