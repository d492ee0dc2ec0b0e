using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Notifications;

public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The consumer group that turns events into notifications (Webook.Server's loop and the Function App's trigger).</summary>
    [Required]
    public string ConsumerGroup { get; set; } = "webook-notifications";

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

    /// <summary>Unread notifications counted at most; more show as this number.</summary>
    [Range(1, 10_000)]
    public int UnreadCap { get; set; } = 99;

    /// <summary>Tries of a change that lost a race on a user's read mark to another instance.</summary>
    [Range(1, 100)]
    public int WriteAttempts { get; set; } = 10;

    /// <summary>Users whose events one batch applies at once (one user's in order).</summary>
    [Range(1, 256)]
    public int ApplyConcurrency { get; set; } = 16;

    /// <summary>
    /// Tests only: the process ends (Environment.FailFast) once it has applied this many events, to prove that a
    /// consumer dying in the middle of a batch loses and doubles nothing. 0, the default: never. Never set in a deployment.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int CrashAfterEventsForTests { get; set; }
}
