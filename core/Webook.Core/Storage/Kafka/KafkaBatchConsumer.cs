using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webook.Core.Storage.Kafka;

/// <summary>What one consumer loop reads and how it batches.</summary>
/// <param name="Name">Names the loop in logs ("read-event consumer").</param>
public sealed record KafkaBatchSettings(string Name, IReadOnlyList<string> Topics, string ConsumerGroup, int BatchSize, TimeSpan BatchWait,
    TimeSpan RetryDelay, TimeSpan SessionTimeout, TimeSpan TopicRefreshInterval);

/// <summary>
/// The consumer loop of Webook.Server's Kafka consumers: polls its topics in its consumer group, gathers up to BatchSize
/// messages or BatchWait, hands the batch to the handler and commits the offsets only after it succeeded. A failed batch
/// is handed over again from its first offsets after RetryDelay; being stopped between handling and committing costs
/// a repeat, which every handler must recognise. Runs on a thread of its own: the client's poll blocks.
/// </summary>
public sealed class KafkaBatchConsumer(IOptions<KafkaOptions> kafka, TimeProvider time, ILogger<KafkaBatchConsumer> logger)
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(200);

    /// <param name="reportLag">Each poll's lag per partition (tags topic and partition).</param>
    public Task RunAsync(KafkaBatchSettings settings, Func<IReadOnlyList<ConsumeResult<Ignore, byte[]>>, CancellationToken, Task> handle,
        Action<IReadOnlyList<Measurement<long>>>? reportLag, CancellationToken stop) =>
        Task.Factory.StartNew(() => Run(settings, handle, reportLag, stop), stop, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task Run(KafkaBatchSettings settings, Func<IReadOnlyList<ConsumeResult<Ignore, byte[]>>, CancellationToken, Task> handle,
        Action<IReadOnlyList<Measurement<long>>>? reportLag, CancellationToken stop)
    {
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
            .SetErrorHandler((_, error) => logger.LogWarning("{Consumer}: {Reason}", settings.Name, error.Reason))
            .Build();
        consumer.Subscribe(settings.Topics);
        logger.LogInformation("{Consumer}: reading {Topics} as group {Group}", settings.Name, string.Join(", ", settings.Topics), settings.ConsumerGroup);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var batch = Gather(consumer, settings, stop);
                reportLag?.Invoke(Lag(consumer));
                if (batch.Count == 0) continue;
                try
                {
                    await handle(batch, stop);
                    consumer.Commit(NextOffsets(batch));
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    logger.LogError(e, "{Consumer}: a batch of {Count} failed; it will be handled again", settings.Name, batch.Count);
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
            reportLag?.Invoke([]);
            consumer.Close();
        }
    }

    private List<ConsumeResult<Ignore, byte[]>> Gather(IConsumer<Ignore, byte[]> consumer, KafkaBatchSettings settings, CancellationToken stop)
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
                // A topic not created yet (normal before the first event of a new deployment), a broker away:
                // the client recovers by itself and the loop goes on.
                logger.Log(e.Error.Code == ErrorCode.UnknownTopicOrPart ? LogLevel.Information : LogLevel.Warning,
                    "{Consumer}: {Reason}", settings.Name, e.Error.Reason);
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

    // Back to each partition's first message of the failed batch, unless the partition moved to another member meanwhile.
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
