using System.Diagnostics.Metrics;

namespace Webook.Core.Common;

/// <summary>Events a limit refused, by limit (the key's kind, never its subject), on the meter <see cref="MeterName"/>.</summary>
public sealed class RateLimitMetrics
{
    public const string MeterName = "Webook.RateLimits";

    private readonly Counter<long> _refusals;

    public RateLimitMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _refusals = meter.CreateCounter<long>("webook.rate_limit.refusals", "{refusal}",
            "Events a sliding-window limit refused, by limit: login:account-client, login:account, login:client, sms:client, sms:budget, sms:<provider chain>.");
    }

    /// <summary>
    /// Keys are "area:kind" or "area:kind:subject" (an email or a client address, which may be IPv6 and hold
    /// colons itself); only the first two segments are recorded, never the subject.
    /// </summary>
    public void Refused(string key) => _refusals.Add(1, new KeyValuePair<string, object?>("limit", LimitOf(key)));

    public static string LimitOf(string key)
    {
        var first = key.IndexOf(':');
        var second = first < 0 ? -1 : key.IndexOf(':', first + 1);
        return second < 0 ? key : key[..second];
    }
}
