using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Interactions;
using Webook.Core.Observability;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Interactions.Kafka;

/// <summary>
/// Read events onto the topic through one producer per process. Produce only queues the event in the
/// client (librdkafka sends in the background), so the request never waits for the broker; an event not
/// delivered within the delivery timeout, or refused because the queue is full, is logged and counted lost.
/// Keyed by article id, so one article's reads stay in one partition.
/// </summary>
public sealed class KafkaReadEventPublisher : IReadEventPublisher, IDisposable
{
    private readonly Lazy<IProducer<string, string>?> _producer;
    private readonly ReadEventOptions _options;
    private readonly ReadEventMetrics _metrics;
    private readonly ILogger<KafkaReadEventPublisher> _logger;

    public KafkaReadEventPublisher(IOptions<KafkaOptions> kafka, IOptions<ReadEventOptions> options, ReadEventMetrics metrics,
        ILogger<KafkaReadEventPublisher> logger)
    {
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _producer = new Lazy<IProducer<string, string>?>(() => string.IsNullOrWhiteSpace(kafka.Value.BootstrapServers)
            ? null
            : new ProducerBuilder<string, string>(kafka.Value.Apply(new ProducerConfig
                {
                    LingerMs = _options.Linger.TotalMilliseconds,
                    MessageTimeoutMs = (int)_options.DeliveryTimeout.TotalMilliseconds,
                    QueueBufferingMaxMessages = _options.MaxQueuedEvents,
                    EnableIdempotence = true,
                }))
                .SetLogHandler((_, message) => _logger.LogDebug("librdkafka: {Message}", message.Message))
                .Build());
    }

    public void Publish(ReadEvent read)
    {
        var producer = _producer.Value;
        if (producer is null)
        {
            _metrics.Lost("not_configured");
            return;
        }
        var message = new Message<string, string>
        {
            Key = read.ArticleId.ToString(CultureInfo.InvariantCulture),
            Value = JsonSerializer.Serialize(read),
        };
        var span = StartProduceSpan();
        try
        {
            producer.Produce(_options.Topic, message, report =>
            {
                if (report.Error.IsError) Lose(read, report.Error, span);
                else _metrics.Produced();
                span?.Dispose();
            });
        }
        catch (ProduceException<string, string> e)
        {
            Lose(read, e.Error, span);
            span?.Dispose();
        }
    }

    public void Dispose()
    {
        if (!_producer.IsValueCreated || _producer.Value is not { } producer) return;
        producer.Flush(_options.DeliveryTimeout);
        producer.Dispose();
    }

    // The span ends when the broker acknowledges, on librdkafka's thread; the request carries on under its own span.
    private Activity? StartProduceSpan()
    {
        var current = Activity.Current;
        var span = WebookTelemetry.Source.StartActivity("read-events publish", ActivityKind.Producer);
        Activity.Current = current;
        span?.SetTag("messaging.system", "kafka");
        span?.SetTag("messaging.destination.name", _options.Topic);
        return span;
    }

    private void Lose(ReadEvent read, Error error, Activity? span)
    {
        span?.SetStatus(ActivityStatusCode.Error, error.Code.ToString());
        _metrics.Lost(error.Code.ToString());
        _logger.LogWarning("Lost the read event of article {ArticleId} by user {UserId}: {Reason}", read.ArticleId, read.UserId, error.Reason);
    }
}
