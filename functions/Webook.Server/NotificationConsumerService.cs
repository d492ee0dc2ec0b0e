using Microsoft.Extensions.Options;
using Webook.Core.Notifications;
using Webook.Core.Notifications.Kafka;
using Webook.Core.Storage.Kafka;

namespace Webook.Server;

/// <summary>
/// Runs core's notification consumer loop for the life of the process, when Kafka is configured and the consumer
/// enabled. A loop that dies (a fatal client error) is logged and started again, never taking the web server down.
/// </summary>
public sealed class NotificationConsumerService(
    KafkaNotificationConsumer consumer, IOptions<KafkaOptions> kafka, IOptions<NotificationOptions> options, TimeProvider time,
    ILogger<NotificationConsumerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(kafka.Value.BootstrapServers) || !options.Value.ConsumerEnabled)
        {
            logger.LogInformation("Events are not turned into notifications here (Kafka not configured or Notifications:ConsumerEnabled false)");
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
                logger.LogError(e, "The notification consumer stopped; starting it again");
                await Task.Delay(options.Value.RetryDelay, time, stoppingToken);
            }
        }
    }
}
