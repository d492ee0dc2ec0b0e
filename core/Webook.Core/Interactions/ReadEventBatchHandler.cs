using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Observability;

namespace Webook.Core.Interactions;

/// <summary>
/// Applies a batch of read events as one count change per article, so N events on K articles cost K table
/// writes. Each change records the highest offset applied per topic partition, so a batch delivered again
/// (a crash after writing, before the offsets were committed) counts nothing twice. Both hosts call it: the
/// Function App from a batched Kafka trigger, Webook.Server from its consumer loop. It throws when any
/// article could not be written; the caller must not commit the batch and hands it over again.
/// </summary>
public sealed class ReadEventBatchHandler(
    InteractionRepository interactions, ReadEventMetrics metrics, IOptions<InteractionOptions> options,
    TimeProvider time, ILogger<ReadEventBatchHandler> logger)
{
    public async Task HandleAsync(IReadOnlyList<ReadEventMessage> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        using var span = WebookTelemetry.Source.StartActivity("read-events batch");
        span?.SetTag("webook.batch.size", batch.Count);
        metrics.Consumed(batch.Count);
        var started = time.GetTimestamp();
        var byArticle = ReadEventFold.ByArticle(batch, logger);

        var writes = 0;
        try
        {
            await Parallel.ForEachAsync(byArticle, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ApplyConcurrency, CancellationToken = ct },
                async (article, token) =>
                {
                    if (await interactions.AddReadsAsync(article.Key, article.Value, token) is not null)
                        Interlocked.Increment(ref writes);
                });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.Failed();
            throw;
        }
        metrics.Applied(batch.Count, byArticle.Count, writes, time.GetElapsedTime(started));
    }
}
