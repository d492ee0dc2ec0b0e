using System.Diagnostics.Metrics;

namespace Webook.Core.Ranking;

/// <summary>The hot-list job on the meter <see cref="MeterName"/>: how long a run takes and how much it read.</summary>
public sealed class HotListMetrics
{
    public const string MeterName = "Webook.HotList";

    private readonly Histogram<double> _duration;
    private readonly Histogram<long> _scanned;
    private readonly Counter<long> _failures;

    public HotListMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _duration = meter.CreateHistogram<double>("webook.hot_list.duration", "s", "Time of one hot-list computation.");
        _scanned = meter.CreateHistogram<long>("webook.hot_list.scanned", "{article}", "Published articles of the window one run scored.");
        _failures = meter.CreateCounter<long>("webook.hot_list.failures", "{run}", "Runs that failed; the last published list stays.");
    }

    public void Completed(TimeSpan elapsed, long scanned)
    {
        _duration.Record(elapsed.TotalSeconds);
        _scanned.Record(scanned);
    }

    public void Failed() => _failures.Add(1);
}
