using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Interactions;

/// <summary>The read-event topic, its producer and its batch consumer (the brokers are <c>Kafka:BootstrapServers</c>).</summary>
public sealed class ReadEventOptions
{
    public const string Section = "ReadEvents";

    [Required]
    public string Topic { get; set; } = "webook-read-events";

    /// <summary>Consumer group of the read counters; all instances share it and split the partitions.</summary>
    [Required]
    public string ConsumerGroup { get; set; } = "webook-read-counter";

    /// <summary>How long the producer may try to deliver one event before it counts as lost (message.timeout.ms).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the producer gathers events into one request (linger.ms).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:15:00")]
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Events held in the producer's queue at most; past it events are dropped and counted as lost.</summary>
    [Range(1, 10_000_000)]
    public int MaxQueuedEvents { get; set; } = 100_000;

    /// <summary>Most events in one batch (Webook.Server's consumer; the Function App's host.json says its own).</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>How long the consumer waits to fill a batch before applying what it has.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BatchWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause before a failed batch is applied again (from its first uncommitted offset).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the group waits for a silent consumer before giving its partitions to another (session.timeout.ms).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the consumer looks for a topic that did not exist yet, or new partitions (topic.metadata.refresh.interval.ms).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan TopicRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether Webook.Server runs the consumer (one per instance, in the group above).</summary>
    public bool ConsumerEnabled { get; set; } = true;
}
