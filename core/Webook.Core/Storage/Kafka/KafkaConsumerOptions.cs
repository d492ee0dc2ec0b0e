using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Storage.Kafka;

/// <summary>The settings every event consumer has (its section names the consumer: Notifications, Feed).</summary>
public abstract class KafkaConsumerOptions
{
    /// <summary>The consumer group (Webook.Server's loop and the Function App's trigger).</summary>
    [Required]
    public string ConsumerGroup { get; set; } = "";

    /// <summary>False: this process does not consume the events (another one does).</summary>
    public bool ConsumerEnabled { get; set; } = true;

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan BatchWait { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TopicRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries of a change that lost a race to another instance (ETag conflict).</summary>
    [Range(1, 100)]
    public int WriteAttempts { get; set; } = 10;

    /// <summary>Keys (users, articles, authors) whose events one batch applies at once (one key's in order).</summary>
    [Range(1, 256)]
    public int ApplyConcurrency { get; set; } = 16;

    /// <summary>
    /// Tests only: the process ends (Environment.FailFast) once it has applied this many events, to prove that a
    /// consumer dying in the middle of a batch loses and doubles nothing. 0, the default: never. Never set in a deployment.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int CrashAfterEventsForTests { get; set; }

    public KafkaBatchSettings Loop(string name, IReadOnlyList<string> topics) =>
        new(name, topics, ConsumerGroup, BatchSize, BatchWait, RetryDelay, SessionTimeout, TopicRefreshInterval);
}
