using Webook.Core.Common;

namespace Webook.Core.Sms;

/// <summary>Limits on code sends beyond one per phone per interval: per client address, and a budget for everyone (SMS costs money).</summary>
public sealed class SmsSendLimitOptions
{
    public const string Section = "Sms:SendLimits";

    public int PerClientLimit { get; set; } = 10;
    public TimeSpan PerClientWindow { get; set; } = TimeSpan.FromHours(1);

    public int GlobalLimit { get; set; } = 1000;
    public TimeSpan GlobalWindow { get; set; } = TimeSpan.FromHours(1);

    public WindowLimit PerClient => new(PerClientLimit, PerClientWindow);
    public WindowLimit Global => new(GlobalLimit, GlobalWindow);
}
