using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Feed;

namespace Webook.Functions;

/// <summary>
/// The feed writer of the Function App: the Kafka extension hands over a batch of article events
/// (<c>Feed__ArticleEventTopic</c>) or follow events (<c>Follows__EventTopic</c>), in the group
/// <c>Feed__ConsumerGroup</c>, and stores its offsets only when the function succeeds; <see cref="FeedEvents"/> writes
/// whole entries, so a batch run again changes nothing twice. One function per topic: a trigger reads one.
/// </summary>
public sealed class FeedEventsFunction(FeedEvents events, IOptions<FeedOptions> options, TimeProvider time, ILogger<FeedEventsFunction> logger)
{
    [Function(FeedRoutes.Names.ArticleEvents)]
    public Task Articles(
        [KafkaTrigger("%Kafka:BootstrapServers%", "%Feed:ArticleEventTopic%", ConsumerGroup = "%Feed:ConsumerGroup%", IsBatched = true,
            Username = "%Kafka:SaslUsername%", Password = "%Kafka:SaslPassword%")]
        KafkaRecord[] records,
        CancellationToken ct) => ApplyAsync(records, ct);

    [Function(FeedRoutes.Names.FollowEvents)]
    public Task Follows(
        [KafkaTrigger("%Kafka:BootstrapServers%", "%Follows:EventTopic%", ConsumerGroup = "%Feed:ConsumerGroup%", IsBatched = true,
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
            logger.LogError(e, "A batch of {Count} feed events failed; it will be applied again in {Delay}", records.Length, options.Value.RetryDelay);
            await Task.Delay(options.Value.RetryDelay, time, ct);
            throw;
        }
    }
}
