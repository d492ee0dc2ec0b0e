using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Sms.Outbox;

public sealed class SmsRetryOptions
{
    public const string Section = "Sms:Retry";

    /// <summary>Delivery attempts of a stored message before it is marked failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait between two attempts of one message.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a worker owns a claimed message; after it, another worker may take it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Messages one run of the job takes at most (one page of a table query: 1000 at most).</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>NCRONTAB with seconds (the Functions timer format) of the retry job, in both hosts.</summary>
    [Required]
    public string Schedule { get; set; } = "*/15 * * * * *";
}
