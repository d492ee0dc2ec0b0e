using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Notifications;

namespace Webook.Functions;

/// <summary>
/// The notifier of the Function App: the Kafka extension hands over a batch of follow events (<c>Follows__EventTopic</c>),
/// comment events (<c>Comments__EventTopic</c>) or like and collect events (<c>Interactions__EventTopic</c>), in the group <c>Notifications__ConsumerGroup</c>, and stores its
/// offsets only when the function succeeds; <see cref="NotificationEvents"/> ignores what it applied before, so a batch
/// run again changes nothing twice. One function per topic: a trigger reads one.
/// </summary>
public sealed class NotificationEventsFunction(NotificationEvents events, IOptions<NotificationOptions> options, TimeProvider time,
    ILogger<NotificationEventsFunction> logger)
{
    [Function(NotificationRoutes.Names.FollowEvents)]
    public Task Follows(
        [KafkaTrigger("%Kafka:BootstrapServers%", "%Follows:EventTopic%", ConsumerGroup = "%Notifications:ConsumerGroup%", IsBatched = true,
            Username = "%Kafka:SaslUsername%", Password = "%Kafka:SaslPassword%")]
        KafkaRecord[] records,
        CancellationToken ct) => ApplyAsync(records, ct);

    [Function(NotificationRoutes.Names.CommentEvents)]
    public Task Comments(
        [KafkaTrigger("%Kafka:BootstrapServers%", "%Comments:EventTopic%", ConsumerGroup = "%Notifications:ConsumerGroup%", IsBatched = true,
            Username = "%Kafka:SaslUsername%", Password = "%Kafka:SaslPassword%")]
        KafkaRecord[] records,
        CancellationToken ct) => ApplyAsync(records, ct);

    [Function(NotificationRoutes.Names.InteractionEvents)]
    public Task Interactions(
        [KafkaTrigger("%Kafka:BootstrapServers%", "%Interactions:EventTopic%", ConsumerGroup = "%Notifications:ConsumerGroup%", IsBatched = true,
            Username = "%Kafka:SaslUsername%", Password = "%Kafka:SaslPassword%")]
        KafkaRecord[] records,
        CancellationToken ct) => ApplyAsync(records, ct);

    private async Task ApplyAsync(KafkaRecord[] records, CancellationToken ct)
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
