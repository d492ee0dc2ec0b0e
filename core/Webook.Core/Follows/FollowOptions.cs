using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Follows;

public sealed class FollowOptions
{
    public const string Section = "Follows";

    /// <summary>
    /// Tries of one side's write when another instance changes the same user's follows at the same time (ETag
    /// conflicts); writers in one instance take turns per user and do not conflict. A user gaining many followers at
    /// once through two instances loses about every other try on their followers row (ten were not always enough in CI
    /// for 200 at once); batching those writes, as likes do, is what would need fewer.
    /// </summary>
    [Range(1, 100)]
    public int WriteAttempts { get; set; } = 30;

    /// <summary>Largest random pause before retrying a conflicting write.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ConflictBackoff { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Users whose count rows (with their ETags) an instance keeps after writing them, so the next change of that user's
    /// follows submits its conditional transaction without reading the row first; least recently used go first. 0
    /// reads the row before every change.
    /// </summary>
    [Range(0, 10_000_000)]
    public int RememberedCounts { get; set; } = 10_000;

    /// <summary>The Kafka topic of <see cref="FollowEvent"/>s.</summary>
    [Required]
    public string EventTopic { get; set; } = "webook-follows";

    /// <summary>NCRONTAB with seconds: the repair timer (%Follows:RepairSchedule%) and Webook.Server's scheduler.</summary>
    [Required]
    public string RepairSchedule { get; set; } = "30 */1 * * * *";

    /// <summary>
    /// An intent older than this is a follow or cancel whose second write never happened (its request died with
    /// its instance): the repair timer completes it. Longer than any request's deadline.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RepairAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Tests only: the process ends (Environment.FailFast) right after a follow's or cancel's first write, to prove
    /// the repair. Never set in a deployment.
    /// </summary>
    public bool CrashBetweenWritesForTests { get; set; }
}
