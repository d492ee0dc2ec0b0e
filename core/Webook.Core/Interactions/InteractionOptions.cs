using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Interactions;

public sealed class InteractionOptions
{
    public const string Section = "Interactions";

    /// <summary>Lifetime of an article's cached counts; a miss reloads them from the table.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan CountCacheLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of a reader's cached like and collect state for one article; a miss reads it from the table.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan ReaderStateCacheLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Tries of one count change when another instance changes the same article's counts at the same time
    /// (ETag conflicts); writers in one instance queue per article and do not conflict.
    /// </summary>
    [Range(1, 100)]
    public int WriteAttempts { get; set; } = 10;

    /// <summary>Largest random pause before retrying a conflicting count change.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ConflictBackoff { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Articles whose counts row (with its ETag) an instance keeps after writing it, so the next change of the
    /// article submits its conditional transaction without reading the row first; least recently used go first.
    /// 0 reads the row before every change.
    /// </summary>
    [Range(0, 10_000_000)]
    public int RememberedCounts { get; set; } = 10_000;

    /// <summary>
    /// Most likes and collects of one article written in one transaction with its counts row and its outbox row (group
    /// commit: the ones that arrived while the previous transaction was in flight); a transaction holds at most 100
    /// entities. 1 writes them one at a time.
    /// </summary>
    [Range(1, 98)]
    public int BatchSize { get; set; } = 98;

    /// <summary>The Kafka topic of <see cref="InteractionEvent"/>s.</summary>
    [Required]
    public string EventTopic { get; set; } = "webook-interactions";

    /// <summary>Articles of one read-event batch applied at the same time.</summary>
    [Range(1, 256)]
    public int ApplyConcurrency { get; set; } = 8;
}
