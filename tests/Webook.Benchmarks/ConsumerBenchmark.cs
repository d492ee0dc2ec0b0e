using Webook.Core.Interactions.Kafka;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webook.Core;
using Webook.Core.Interactions;
using Webook.Core.Storage.Kafka;

namespace Webook.Benchmarks;

/// <summary>
/// Read-event consumer throughput: the app's own services (AddWebookCore) against a real Azurite, Redis and
/// Kafka broker. Each run publishes N read events over K articles with IReadEventPublisher onto a fresh topic,
/// then starts KafkaReadEventConsumer and times it from its first consumed event until every event is applied.
/// The batch sizes take turns in each round, so a noisy machine slows all of them alike.
/// Started by scripts/bench-consumer.sh, which starts the stack and sets WEBOOK_BENCH_STORAGE, _REDIS and _KAFKA.
/// Options: --events N (10000) --articles K (100) --rounds R (3) --batch-sizes 1000,1
/// </summary>
public static class ConsumerBenchmark
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(string[] args)
    {
        var events = int.Parse(BenchmarkHelpers.Option(args, "--events", "10000"), CultureInfo.InvariantCulture);
        var articles = int.Parse(BenchmarkHelpers.Option(args, "--articles", "100"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(BenchmarkHelpers.Option(args, "--rounds", "3"), CultureInfo.InvariantCulture);
        var sizes = BenchmarkHelpers.Option(args, "--batch-sizes", "1000,1").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var run = "bench" + DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        Console.WriteLine($"{events} read events over {articles} articles, {rounds} rounds of batch sizes {string.Join(", ", sizes)} (run {run})");

        var rates = sizes.ToDictionary(s => s, _ => new List<double>());
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var size in sizes)
            {
                var result = await OneAsync(Settings(run, $"r{round}b{size}", size), events, articles);
                rates[size].Add(result.EventsPerSecond);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round} batch size {size,5}: {result.EventsPerSecond,8:F0} events/s ({events} in {result.Elapsed.TotalSeconds:F2} s, consumer start {result.Startup.TotalSeconds:F1} s); {result.Batches} batches, {result.TableWrites} table writes, {(double)result.TableWrites / result.Batches:F1} writes/batch, {(double)result.Articles / result.Batches:F1} distinct articles/batch{(result.TableWrites == result.Articles ? "" : " (writes != articles)")}"));
            }
        }

        Console.WriteLine("median events/s: " + string.Join(", ", sizes.Select(s => string.Create(CultureInfo.InvariantCulture, $"batch size {s} = {BenchmarkHelpers.Median(rates[s]):F0}"))));
        for (var i = 1; i < sizes.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio batch size {sizes[0]} / {sizes[i]}: {BenchmarkHelpers.Median(rates[sizes[0]]) / BenchmarkHelpers.Median(rates[sizes[i]]):F1} (median), per round: {string.Join(", ", rates[sizes[0]].Zip(rates[sizes[i]], (a, b) => (a / b).ToString("F1", CultureInfo.InvariantCulture)))}"));
        }
        return 0;
    }

    private sealed record Result(double EventsPerSecond, TimeSpan Elapsed, TimeSpan Startup, long Batches, long TableWrites, long Articles);

    private static async Task<Result> OneAsync(Dictionary<string, string?> settings, int events, int articleCount)
    {
        var first = Random.Shared.NextInt64(1, 1L << 50);
        var articles = Enumerable.Range(0, articleCount).Select(i => first + i).ToList();

        using (var produced = new Meters(expected: long.MaxValue))
        {
            var producing = Services(settings);
            var publisher = producing.GetRequiredService<IReadEventPublisher>();
            for (var i = 0; i < events; i++) publisher.Publish(new ReadEvent(i + 1, articles[i % articleCount], 0));
            // Disposing the services flushes the producer.
            await producing.DisposeAsync();
            if (produced.Produced != events) throw new InvalidOperationException($"the broker took {produced.Produced} of {events} events");
        }

        await using var services = Services(settings);
        // A new process's first table calls pay for the connections, the JIT and creating the table; that
        // cost would fall on the first batch alone, so the handler is warmed on other articles, untimed.
        var warmup = Random.Shared.NextInt64(1L << 51, 1L << 52);
        await services.GetRequiredService<ReadEventBatchHandler>().HandleAsync(Enumerable.Range(0, 8)
            .Select(i => new ReadEventMessage(new EventPosition("warmup", i, 0), Encoding.UTF8.GetBytes($$"""{"uid":0,"aid":{{warmup + i}},"at":0}""")))
            .ToList(), default);
        using var meters = new Meters(expected: events);
        var started = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource();
        var consuming = services.GetRequiredService<KafkaReadEventConsumer>().RunAsync(stop.Token);
        await meters.AllApplied.WaitAsync(Patience);
        var elapsed = Stopwatch.GetElapsedTime(meters.FirstConsumed, meters.LastApplied);
        var startup = Stopwatch.GetElapsedTime(started, meters.FirstConsumed);
        await stop.CancelAsync();
        await consuming;

        var store = services.GetRequiredService<IInteractionStore>();
        long counted = 0;
        foreach (var article in articles) counted += (await store.GetCountsAsync(article, default)).Reads;
        if (counted != events) throw new InvalidOperationException($"the table counts {counted} reads of {events}");
        return new Result(events / elapsed.TotalSeconds, elapsed, startup, meters.Batches, meters.TableWrites, meters.Articles);
    }

    private static Dictionary<string, string?> Settings(string run, string name, int batchSize) => new()
    {
        ["Storage:ConnectionString"] = BenchmarkHelpers.Required("WEBOOK_BENCH_STORAGE", "scripts/bench-consumer.sh"),
        ["Storage:TablePrefix"] = run,
        ["Redis:ConnectionString"] = BenchmarkHelpers.Required("WEBOOK_BENCH_REDIS", "scripts/bench-consumer.sh"),
        ["Redis:KeyPrefix"] = run + ":",
        ["Kafka:BootstrapServers"] = BenchmarkHelpers.Required("WEBOOK_BENCH_KAFKA", "scripts/bench-consumer.sh"),
        ["ReadEvents:Topic"] = $"{run}-{name}",
        ["ReadEvents:ConsumerGroup"] = $"{run}-{name}",
        ["ReadEvents:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
        ["ReadEvents:SessionTimeout"] = "00:00:06",
    };

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddWebookCore(configuration)
            .BuildServiceProvider();
    }


    /// <summary>Listens to the app's read-event counters while it is alive.</summary>
    private sealed class Meters : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly TaskCompletionSource _allApplied = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly long _expected;
        private long _produced, _applied, _batches, _tableWrites, _articles, _firstConsumed, _lastApplied;

        public Meters(long expected)
        {
            _expected = expected;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ReadEventMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                switch (instrument.Name)
                {
                    case "webook.read_events.produced": Interlocked.Add(ref _produced, value); break;
                    case "webook.read_events.consumed": Interlocked.CompareExchange(ref _firstConsumed, Stopwatch.GetTimestamp(), 0); break;
                    case "webook.read_events.batches": Interlocked.Add(ref _batches, value); break;
                    case "webook.read_events.table_writes": Interlocked.Add(ref _tableWrites, value); break;
                    case "webook.read_events.articles": Interlocked.Add(ref _articles, value); break;
                }
            });
            // The batch size histogram is recorded once per applied batch, after its writes.
            _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
            {
                if (instrument.Name != "webook.read_events.batch.size") return;
                if (Interlocked.Add(ref _applied, value) < _expected) return;
                Interlocked.Exchange(ref _lastApplied, Stopwatch.GetTimestamp());
                _allApplied.TrySetResult();
            });
            _listener.Start();
        }

        public long Produced => Interlocked.Read(ref _produced);
        public long Batches => Interlocked.Read(ref _batches);
        public long TableWrites => Interlocked.Read(ref _tableWrites);
        public long Articles => Interlocked.Read(ref _articles);
        public long FirstConsumed => Interlocked.Read(ref _firstConsumed);
        public long LastApplied => Interlocked.Read(ref _lastApplied);

        public Task AllApplied => _allApplied.Task;

        public void Dispose() => _listener.Dispose();
    }
}
