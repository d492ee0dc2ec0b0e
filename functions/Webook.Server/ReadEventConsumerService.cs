using Microsoft.Extensions.Options;
using Webook.Core.Interactions;
using Webook.Core.Storage.Kafka;

namespace Webook.Server;

/// <summary>Runs core's read-event consumer loop for the life of the process, when Kafka is configured and the consumer enabled.</summary>
public sealed class ReadEventConsumerService(
    KafkaReadEventConsumer consumer, IOptions<KafkaOptions> kafka, IOptions<ReadEventOptions> options, ILogger<ReadEventConsumerService> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(kafka.Value.BootstrapServers) || !options.Value.ConsumerEnabled)
        {
            logger.LogInformation("Read events are not consumed here (Kafka not configured or ReadEvents:ConsumerEnabled false)");
            return Task.CompletedTask;
        }
        return consumer.RunAsync(stoppingToken);
    }
}
