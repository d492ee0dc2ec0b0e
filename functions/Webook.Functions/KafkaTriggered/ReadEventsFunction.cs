using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Interactions;

namespace Webook.Functions;

/// <summary>
/// The read counter of the Function App: the Kafka extension hands over a batch (host.json
/// <c>extensions.kafka</c>: maxBatchSize, subscriberIntervalInSeconds) and stores its offsets only when this
/// function succeeds. The brokers, topic and group are the app settings Webook.Server reads
/// (<c>Kafka__BootstrapServers</c>, <c>ReadEvents__Topic</c>, <c>ReadEvents__ConsumerGroup</c>), with
/// <c>Kafka__SaslUsername</c>/<c>Kafka__SaslPassword</c>: with a user set the trigger speaks SASL_SSL, decided when the
/// app starts by <see cref="KafkaSecurityTransformer"/> (docs/deploy.md).
/// </summary>
public sealed class ReadEventsFunction(
    ReadEventBatchHandler handler, IOptions<ReadEventOptions> options, TimeProvider time, ILogger<ReadEventsFunction> logger)
{
    // KafkaRecord carries each message's own topic, partition and offset, which the handler's
    // de-duplication needs. A failure throws, so the extension does not store the offsets; with host.json's
    // commitOnFailure false and maxRetries -1 it runs the same batch again, after this function's pause.
    [Function(InteractionRoutes.Names.ReadEvents)]
    public async Task Run(
        [KafkaTrigger("%Kafka:BootstrapServers%", "%ReadEvents:Topic%", ConsumerGroup = "%ReadEvents:ConsumerGroup%", IsBatched = true,
            Username = "%Kafka:SaslUsername%", Password = "%Kafka:SaslPassword%")]
        KafkaRecord[] records,
        CancellationToken ct)
    {
        var batch = new ReadEventMessage[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            var record = records[i];
            batch[i] = new ReadEventMessage(new EventPosition(record.Topic, record.Partition, record.Offset), record.Value);
        }

        try
        {
            await handler.HandleAsync(batch, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The extension retries a failed batch at once; pause first, as Webook.Server's consumer does.
            var delay = options.Value.RetryDelay;
            logger.LogError(e, "A batch of {Count} read events failed; it will be applied again in {Delay}", batch.Length, delay);
            await Task.Delay(delay, time, ct);
            throw;
        }
    }
}
