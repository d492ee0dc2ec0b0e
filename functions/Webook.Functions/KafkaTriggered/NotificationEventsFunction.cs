using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Notifications;

namespace Webook.Functions;

/// <summary>
/// The notifier of the Function App: the Kafka extension hands over a batch of follow events
/// (<c>Follows__EventTopic</c>, group <c>Notifications__ConsumerGroup</c>) and stores its offsets only when this function
/// succeeds; <see cref="NotificationEvents"/> ignores what it applied before, so a batch run again changes nothing twice.
/// </summary>
public sealed class NotificationEventsFunction(NotificationEvents events, IOptions<NotificationOptions> options, TimeProvider time,
    ILogger<NotificationEventsFunction> logger)
{
    [Function(NotificationRoutes.Names.Events)]
    public async Task Run(
        [KafkaTrigger("%Kafka:BootstrapServers%", "%Follows:EventTopic%", ConsumerGroup = "%Notifications:ConsumerGroup%", IsBatched = true,
            Username = "%Kafka:SaslUsername%", Password = "%Kafka:SaslPassword%")]
        KafkaRecord[] records,
        CancellationToken ct)
    {
        try
        {
            await events.HandleAsync(records.Select(r => r.Value).ToList(), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The extension retries a failed batch at once; pause first, as Webook.Server's consumer does.
            logger.LogError(e, "A batch of {Count} events failed; it will be applied again in {Delay}", records.Length, options.Value.RetryDelay);
            await Task.Delay(options.Value.RetryDelay, time, ct);
            throw;
        }
    }
}
