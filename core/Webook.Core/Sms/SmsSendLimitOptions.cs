using System.ComponentModel.DataAnnotations;
using Webook.Core.Common;

namespace Webook.Core.Sms;

/// <summary>Limits on code sends beyond one per phone per interval: per client address, and a budget for everyone (SMS costs money).</summary>
public sealed class SmsSendLimitOptions
{
    public const string Section = "Sms:SendLimits";

    [Range(1, int.MaxValue)]
    public int PerClientLimit { get; set; } = 10;
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan PerClientWindow { get; set; } = TimeSpan.FromHours(1);

    [Range(1, int.MaxValue)]
    public int GlobalLimit { get; set; } = 1000;
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan GlobalWindow { get; set; } = TimeSpan.FromHours(1);

    public WindowLimit PerClient => new(PerClientLimit, PerClientWindow);
    public WindowLimit Global => new(GlobalLimit, GlobalWindow);
}
