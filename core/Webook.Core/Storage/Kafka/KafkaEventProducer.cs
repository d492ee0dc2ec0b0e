using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webook.Core.Storage.Kafka;

/// <summary>Sends an event and waits for the brokers' acknowledgement, within Kafka:ProduceTimeout.</summary>
public interface IEventProducer
{
    /// <summary>False when no brokers are configured: there is nowhere to send events.</summary>
    bool Configured { get; }

    /// <summary>Completes once the brokers have the event; throws when they do not acknowledge it in time.</summary>
    Task ProduceAsync(string topic, string key, string value, CancellationToken ct);
}

/// <summary>
/// The app's events onto Kafka through one idempotent producer per process (no duplicates from the client's own
/// retries; a repeat after a timeout is the outbox's, which consumers recognise by the event's id).
/// </summary>
public sealed class KafkaEventProducer : IEventProducer, IDisposable
{
    private readonly Lazy<IProducer<string, string>?> _producer;
    private readonly TimeSpan _timeout;

    public KafkaEventProducer(IOptions<KafkaOptions> options, ILogger<KafkaEventProducer> logger)
    {
        var kafka = options.Value;
        _timeout = kafka.ProduceTimeout;
        Configured = !string.IsNullOrWhiteSpace(kafka.BootstrapServers);
        _producer = new Lazy<IProducer<string, string>?>(() => Configured
            ? new ProducerBuilder<string, string>(kafka.Apply(new ProducerConfig
                {
                    EnableIdempotence = true,
                    LingerMs = 1,
                    MessageTimeoutMs = (int)kafka.ProduceTimeout.TotalMilliseconds,
                }))
                .SetLogHandler((_, message) => logger.LogDebug("librdkafka: {Message}", message.Message))
                .Build()
            : null);
    }

    public bool Configured { get; }

    public async Task ProduceAsync(string topic, string key, string value, CancellationToken ct)
    {
        var producer = _producer.Value ?? throw new InvalidOperationException("Kafka:BootstrapServers is not set.");
        // The client's own timeout ends the send; the wait is bounded too, so a frozen broker never holds the caller longer.
        await producer.ProduceAsync(topic, new Message<string, string> { Key = key, Value = value }, ct).WaitAsync(_timeout, ct);
    }

    public void Dispose()
    {
        if (!_producer.IsValueCreated || _producer.Value is not { } producer) return;
        producer.Flush(_timeout);
        producer.Dispose();
    }
}
