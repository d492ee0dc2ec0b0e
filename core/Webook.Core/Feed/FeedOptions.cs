using System.ComponentModel.DataAnnotations;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Feed;

public sealed class FeedOptions : KafkaConsumerOptions
{
    public const string Section = "Feed";

    public FeedOptions() => ConsumerGroup = "webook-feed";

    /// <summary>The Kafka topic of <see cref="ArticleEvent"/>s.</summary>
    [Required]
    public string ArticleEventTopic { get; set; } = "webook-articles";

    /// <summary>
    /// Authors with at most this many followers have their articles pushed into each follower's inbox; an author
    /// above it once is pulled from then on: its own partition is read when a follower's feed is.
    /// </summary>
    [Range(0, 10_000_000)]
    public int PushThreshold { get; set; } = 1_000;

    /// <summary>Followers' inboxes one event writes at once.</summary>
    [Range(1, 256)]
    public int FanOutConcurrency { get; set; } = 32;

    /// <summary>A new follow copies this many of the followee's newest articles into the follower's inbox.</summary>
    [Range(0, 1_000)]
    public int BackfillOnFollow { get; set; } = 100;

    /// <summary>Whom one user follows, read at most for a feed page (their articles make the feed).</summary>
    [Range(1, 100_000)]
    public int MaxFollowees { get; set; } = 5_000;

    /// <summary>How long an instance keeps its copy of the set of pulled authors.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan PulledAuthorsLifetime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The newest entries of the latest list each instance keeps for GET /articles/pub/latest; older pages are read from the table.</summary>
    [Range(0, 100_000)]
    public int LatestCached { get; set; } = 1_000;

    /// <summary>How long an instance keeps them before reading them again (a new publication shows within it).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan LatestLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Point reads of article rows one page makes at once.</summary>
    [Range(1, 256)]
    public int ReadConcurrency { get; set; } = 16;
}
