using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Interactions;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Interactions.Kafka;

/// <summary>
/// The read counter of Webook.Server: polls the read-event topic in its consumer group, gathers up to
/// BatchSize events or BatchWait, hands the batch to <see cref="ReadEventBatchHandler"/> and commits the
/// offsets only after it was applied. A failed batch is applied again from its first offsets after
/// RetryDelay; being stopped between applying and committing costs nothing but a repeat the handler ignores.
/// Runs on a thread of its own: the client's poll blocks.
/// </summary>
public sealed class KafkaReadEventConsumer(
    ReadEventBatchHandler handler, IOptions<KafkaOptions> kafka, IOptions<ReadEventOptions> options, ReadEventMetrics metrics,
    TimeProvider time, ILogger<KafkaReadEventConsumer> logger)
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(200);

    public Task RunAsync(CancellationToken stop) =>
        Task.Factory.StartNew(() => Run(stop), stop, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task Run(CancellationToken stop)
    {
        var settings = options.Value;
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(kafka.Value.Apply(new ConsumerConfig
            {
                GroupId = settings.ConsumerGroup,
                EnableAutoCommit = false,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                SessionTimeoutMs = (int)settings.SessionTimeout.TotalMilliseconds,
                // A consumer may start before anyone produced: it looks for the topic again every refresh interval.
                TopicMetadataRefreshIntervalMs = (int)settings.TopicRefreshInterval.TotalMilliseconds,
            }))
            .SetLogHandler((_, message) => logger.LogDebug("librdkafka: {Message}", message.Message))
            .SetErrorHandler((_, error) => logger.LogWarning("Read-event consumer: {Reason}", error.Reason))
            .Build();
        consumer.Subscribe(settings.Topic);
        logger.LogInformation("Counting reads from {Topic} as group {Group}", settings.Topic, settings.ConsumerGroup);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var batch = Gather(consumer, settings, stop);
                metrics.ReportLag(Lag(consumer));
                if (batch.Count == 0) continue;
                try
                {
                    await handler.HandleAsync(batch.ConvertAll(ToMessage), stop);
                    consumer.Commit(NextOffsets(batch));
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    logger.LogError(e, "A batch of {Count} read events failed; it will be applied again", batch.Count);
                    Rewind(consumer, batch);
                    await Task.Delay(settings.RetryDelay, time, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            metrics.ReportLag([]);
            consumer.Close();
        }
    }

    private List<ConsumeResult<Ignore, byte[]>> Gather(IConsumer<Ignore, byte[]> consumer, ReadEventOptions settings, CancellationToken stop)
    {
        var batch = new List<ConsumeResult<Ignore, byte[]>>();
        long? deadline = null;
        while (batch.Count < settings.BatchSize && !stop.IsCancellationRequested)
        {
            var wait = deadline is null ? IdlePoll : settings.BatchWait - time.GetElapsedTime(deadline.Value);
            if (wait <= TimeSpan.Zero) break;
            ConsumeResult<Ignore, byte[]>? result;
            try
            {
                result = consumer.Consume(wait < IdlePoll ? wait : IdlePoll);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                // A topic not created yet (normal before the first read of a new deployment), a broker away:
                // the client recovers by itself and the loop goes on.
                logger.Log(e.Error.Code == ErrorCode.UnknownTopicOrPart ? LogLevel.Information : LogLevel.Warning,
                    "Read-event consumer: {Reason}", e.Error.Reason);
                break;
            }
            if (result is null)
            {
                if (deadline is null) break;
                continue;
            }
            if (result.IsPartitionEOF) continue;
            batch.Add(result);
            deadline ??= time.GetTimestamp();
        }
        return batch;
    }

    // Back to each partition's first event of the failed batch, unless the partition moved to another member meanwhile.
    private void Rewind(IConsumer<Ignore, byte[]> consumer, List<ConsumeResult<Ignore, byte[]>> batch)
    {
        foreach (var first in batch.GroupBy(r => r.TopicPartition).Select(g => g.MinBy(r => r.Offset.Value)!))
        {
            try
            {
                consumer.Seek(first.TopicPartitionOffset);
            }
            catch (KafkaException e)
            {
                logger.LogWarning("Could not rewind {Partition}: {Reason}", first.TopicPartition, e.Error.Reason);
            }
        }
    }

    private static ReadEventMessage ToMessage(ConsumeResult<Ignore, byte[]> result) =>
        new(new EventPosition(result.Topic, result.Partition.Value, result.Offset.Value), result.Message.Value);

    private static IEnumerable<TopicPartitionOffset> NextOffsets(List<ConsumeResult<Ignore, byte[]>> batch) =>
        batch.GroupBy(r => r.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset.Value) + 1));

    private static List<Measurement<long>> Lag(IConsumer<Ignore, byte[]> consumer)
    {
        var lag = new List<Measurement<long>>();
        foreach (var partition in consumer.Assignment)
        {
            var high = consumer.GetWatermarkOffsets(partition).High;
            var position = consumer.Position(partition);
            if (high == Offset.Unset || position == Offset.Unset) continue;
            lag.Add(new Measurement<long>(Math.Max(0, high.Value - position.Value),
                new KeyValuePair<string, object?>("topic", partition.Topic), new KeyValuePair<string, object?>("partition", partition.Partition.Value)));
        }
        return lag;
    }
}
