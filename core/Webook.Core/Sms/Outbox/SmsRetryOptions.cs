namespace Webook.Core.Sms.Outbox;

public sealed class SmsRetryOptions
{
    public const string Section = "Sms:Retry";

    /// <summary>Delivery attempts of a stored message before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait between two attempts of one message.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a worker owns a claimed message; after it, another worker may take it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Messages one run of the job takes at most.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>NCRONTAB with seconds (the Functions timer format) of the retry job, in both hosts.</summary>
    public string Schedule { get; set; } = "*/15 * * * * *";
}
