using System.Diagnostics.Metrics;

namespace Webook.Core.Ranking;

/// <summary>The hot-list job on the meter <see cref="MeterName"/>: how long a run takes and how much it read.</summary>
public sealed class HotListMetrics
{
    public const string MeterName = "Webook.HotList";

    private readonly Histogram<double> _duration;
    private readonly Histogram<long> _scanned;
    private readonly Counter<long> _failures;
    private readonly Histogram<long> _tableCalls;
    private readonly Counter<long> _rebuilds;

    public HotListMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _duration = meter.CreateHistogram<double>("webook.hot_list.duration", "s", "Time of one hot-list computation.");
        _scanned = meter.CreateHistogram<long>("webook.hot_list.scanned", "{article}", "Published articles of the window one run ranked.");
        _tableCalls = meter.CreateHistogram<long>("webook.hot_list.table_calls", "{call}", "Table calls one run made (pages scanned and point reads).");
        _rebuilds = meter.CreateCounter<long>("webook.hot_list.rebuilds", "{run}", "Runs that rebuilt the candidates from the tables instead of reading the changes.");
        _failures = meter.CreateCounter<long>("webook.hot_list.failures", "{run}", "Runs that failed; the last published list stays.");
    }

    public void Completed(TimeSpan elapsed, long scanned, long tableCalls, bool rebuilt)
    {
        _duration.Record(elapsed.TotalSeconds);
        _scanned.Record(scanned);
        _tableCalls.Record(tableCalls);
        if (rebuilt) _rebuilds.Add(1);
    }

    public void Failed() => _failures.Add(1);
}
