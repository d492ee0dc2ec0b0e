using Microsoft.Extensions.Options;
using Webook.Core.Interactions;
using Webook.Core.Interactions.Kafka;
using Webook.Core.Storage.Kafka;

namespace Webook.Server;

/// <summary>
/// Runs core's read-event consumer loop for the life of the process, when Kafka is configured and the
/// consumer enabled. A loop that dies (a fatal client error) is logged and started again, never taking the web server down.
/// </summary>
public sealed class ReadEventConsumerService(
    KafkaReadEventConsumer consumer, IOptions<KafkaOptions> kafka, IOptions<ReadEventOptions> options, TimeProvider time,
    ILogger<ReadEventConsumerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(kafka.Value.BootstrapServers) || !options.Value.ConsumerEnabled)
        {
            logger.LogInformation("Read events are not consumed here (Kafka not configured or ReadEvents:ConsumerEnabled false)");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await consumer.RunAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The read-event consumer stopped; starting it again");
                await Task.Delay(options.Value.RetryDelay, time, stoppingToken);
            }
        }
    }
}
