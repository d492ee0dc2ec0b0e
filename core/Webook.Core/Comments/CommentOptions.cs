using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Comments;

public sealed class CommentOptions
{
    public const string Section = "Comments";

    /// <summary>Comments one user may post in <see cref="FloodWindow"/>, on all articles together.</summary>
    [Range(1, 1_000_000)]
    public int FloodLimit { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FloodWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a cached first page of an article's comments lives in Redis; any comment posted or deleted there drops it at once.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FirstPageLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Tries of one comment write when another instance changes the same article's comments at the same time.</summary>
    [Range(1, 100)]
    public int WriteAttempts { get; set; } = 10;

    /// <summary>Largest random pause before retrying a conflicting write.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ConflictBackoff { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The Kafka topic of <see cref="CommentEvent"/>s.</summary>
    [Required]
    public string EventTopic { get; set; } = "webook-comments";
}
