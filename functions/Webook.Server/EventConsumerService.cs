using Microsoft.Extensions.Options;
using Webook.Core.Storage.Kafka;

namespace Webook.Server;

/// <summary>
/// Runs one of core's consumer loops for the life of the process, when Kafka is configured and the loop enabled. A
/// loop that dies (a fatal client error) is logged and started again, never taking the web server down.
/// </summary>
public sealed class EventConsumerService<TLoop>(TLoop loop, IOptions<KafkaOptions> kafka, TimeProvider time, ILogger<EventConsumerService<TLoop>> logger)
    : BackgroundService where TLoop : IEventConsumerLoop
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(kafka.Value.BootstrapServers) || !loop.Enabled)
        {
            logger.LogInformation("The {Loop} does not run here (Kafka not configured or its ConsumerEnabled is false)", loop.Name);
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await loop.RunAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The {Loop} stopped; starting it again", loop.Name);
                await Task.Delay(loop.RetryDelay, time, stoppingToken);
            }
        }
    }
}
