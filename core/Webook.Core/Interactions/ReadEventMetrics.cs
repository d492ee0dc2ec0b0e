using System.Diagnostics.Metrics;

namespace Webook.Core.Interactions;

/// <summary>
/// What an operator needs to trust the read counter, as .NET metrics on the meter <see cref="MeterName"/>
/// (docs/interactions.md: what each means and the alert to set on it).
/// </summary>
public sealed class ReadEventMetrics
{
    public const string MeterName = "Webook.ReadEvents";

    private readonly Counter<long> _produced;
    private readonly Counter<long> _lost;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _batches;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _tableWrites;
    private readonly Counter<long> _articles;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _applyTime;
    private volatile IReadOnlyList<Measurement<long>> _lag = [];

    public ReadEventMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _produced = Meter.CreateCounter<long>("webook.read_events.produced", "{event}", "Read events the broker acknowledged.");
        _lost = Meter.CreateCounter<long>("webook.read_events.lost", "{event}", "Read events the producer could not deliver or queue.");
        _consumed = Meter.CreateCounter<long>("webook.read_events.consumed", "{event}", "Read events received by the batch handler.");
        _batches = Meter.CreateCounter<long>("webook.read_events.batches", "{batch}", "Batches applied to the tables.");
        _failures = Meter.CreateCounter<long>("webook.read_events.failures", "{batch}", "Batches that failed and will be applied again.");
        _tableWrites = Meter.CreateCounter<long>("webook.read_events.table_writes", "{write}", "Count writes (one per article of a batch with new reads).");
        _articles = Meter.CreateCounter<long>("webook.read_events.articles", "{article}",
            "Distinct articles in applied batches: the most count writes they can need (fewer only where events were applied before).");
        _batchSize = Meter.CreateHistogram<int>("webook.read_events.batch.size", "{event}", "Events per applied batch.");
        _applyTime = Meter.CreateHistogram<double>("webook.read_events.batch.duration", "s", "Time to apply one batch.");
        Meter.CreateObservableGauge("webook.read_events.lag", () => _lag, "{event}",
            "Events in each assigned partition not yet consumed, as of the consumer's last poll.");
    }

    public Meter Meter { get; }

    /// <summary>The consumer's lag per partition (tags topic and partition), replacing the last report.</summary>
    public void ReportLag(IReadOnlyList<Measurement<long>> lag) => _lag = lag;

    public void Produced() => _produced.Add(1);

    public void Lost(string reason) => _lost.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Consumed(int events) => _consumed.Add(events);

    public void Applied(int events, int articles, int tableWrites, TimeSpan elapsed)
    {
        _batches.Add(1);
        _tableWrites.Add(tableWrites);
        _articles.Add(articles);
        _batchSize.Record(events);
        _applyTime.Record(elapsed.TotalSeconds);
    }

    public void Failed() => _failures.Add(1);
}
