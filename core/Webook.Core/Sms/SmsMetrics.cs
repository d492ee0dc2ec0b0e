using System.Diagnostics.Metrics;

namespace Webook.Core.Sms;

/// <summary>
/// SMS delivery on the meter <see cref="MeterName"/>: every attempt at a provider by outcome, messages
/// stored for the retry job, and how many wait in the outbox.
/// </summary>
public sealed class SmsMetrics
{
    public const string MeterName = "Webook.Sms";

    private readonly Counter<long> _attempts;
    private readonly Counter<long> _stored;
    private long _outboxDepth = -1;

    public SmsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _attempts = meter.CreateCounter<long>("webook.sms.attempts", "{attempt}",
            "Attempts to send through a provider, by provider and outcome: sent, failed, judged_down (not tried).");
        _stored = meter.CreateCounter<long>("webook.sms.stored", "{message}", "Messages stored in the outbox for the retry job, by reason.");
        meter.CreateObservableGauge("webook.sms.outbox.depth", ObserveDepth, "{message}",
            "Messages waiting in the outbox, as counted by the retry job's last run.");
    }

    public void Sent(string provider) => Attempt(provider, "sent");

    public void Failed(string provider) => Attempt(provider, "failed");

    public void JudgedDown(string provider) => Attempt(provider, "judged_down");

    public void Stored(string reason) => _stored.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ReportOutboxDepth(int pending) => Interlocked.Exchange(ref _outboxDepth, pending);

    // Nothing until the retry job has counted once, rather than a made-up zero.
    private IEnumerable<Measurement<long>> ObserveDepth()
    {
        var depth = Interlocked.Read(ref _outboxDepth);
        return depth < 0 ? [] : [new Measurement<long>(depth)];
    }

    private void Attempt(string provider, string outcome) =>
        _attempts.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("outcome", outcome));
}
