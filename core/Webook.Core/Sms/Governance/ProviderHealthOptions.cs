using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Sms.Governance;

/// <summary>When a provider is judged down, and when it is tried again. See docs/sms.md.</summary>
public sealed class ProviderHealthOptions
{
    public const string Section = "Sms:Health";

    /// <summary>Judged down when at least this share of calls in the window failed or were too slow...</summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>...and the window holds at least this many calls, so two unlucky calls judge nothing.</summary>
    [Range(2, int.MaxValue)]
    public int MinimumThroughput { get; set; } = 8;

    /// <summary>The sliding window of recent calls the ratio is taken over.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A call slower than this is abandoned and counts as a failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan SlowCallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a provider judged down gets no traffic before one probe call is let through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
