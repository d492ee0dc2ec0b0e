using Webook.Core.Interactions.Kafka;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Interactions;
using Webook.Core.Storage.Kafka;

namespace Webook.IntegrationTests.Interactions;

public sealed class ReadEventTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly ReadCounting _reads = new();

    [Fact]
    public async Task A_batch_costs_one_write_per_article_and_applying_it_again_counts_nothing()
    {
        WatchedStore? store = null;
        await using var services = _reads.Services(inner => store = new WatchedStore(inner));
        var handler = services.GetRequiredService<ReadEventBatchHandler>();
        var articles = NewArticles(10);
        var batch = Enumerable.Range(0, 1000)
            .Select(i => Message(articles[i % 10], partition: i % 4, offset: i / 4))
            .Append(new ReadEventMessage(new EventPosition("t", 0, 250), "not json"u8.ToArray()))
            .ToList();
        using var writes = new MeasurementsOf("webook.read_events.table_writes");

        await handler.HandleAsync(batch, default);
        Assert.Equal(10, store!.ReadWrites);
        Assert.Equal(10, writes.Sum);
        Assert.All((await ReadCounting.ReadCountsAsync(services, articles)).Values, count => Assert.Equal(100, count));

        // Delivered again (a crash after writing, before committing): the read markers skip every event.
        await handler.HandleAsync(batch, default);
        Assert.Equal(10, writes.Sum);
        // Half old, half new: only the new half counts.
        await handler.HandleAsync(Enumerable.Range(500, 1000).Select(i => Message(articles[i % 10], partition: i % 4, offset: i / 4)).ToList(), default);
        Assert.All((await ReadCounting.ReadCountsAsync(services, articles)).Values, count => Assert.Equal(150, count));
    }

    [Fact]
    public async Task Ten_thousand_reads_over_100_articles_count_exactly_though_the_consumer_dies_in_the_middle_of_a_batch()
    {
        var articles = NewArticles(100);
        using (var produced = new MeasurementsOf("webook.read_events.produced"))
        {
            var producing = _reads.Services();
            var publisher = producing.GetRequiredService<IReadEventPublisher>();
            for (var i = 0; i < 10_000; i++) publisher.Publish(new ReadEvent(i, articles[i % 100], 0));
            // Disposing the services flushes the producer.
            await producing.DisposeAsync();
            Assert.Equal(10_000, produced.Sum);
        }

        WatchedStore? dying = null;
        await using (var first = _reads.Services(inner => dying = new WatchedStore(inner, dieAfter: 250)))
        {
            using var stop = new CancellationTokenSource();
            var consuming = first.GetRequiredService<KafkaReadEventConsumer>().RunAsync(stop.Token);
            await dying!.Died.WaitAsync(Patience);
            await stop.CancelAsync();
            await consuming.WaitAsync(Patience);
        }
        await using var second = _reads.Services();
        // Part of the reads are counted; the batch the consumer died in was not committed.
        Assert.InRange((await ReadCounting.ReadCountsAsync(second, articles)).Values.Sum(), 1, 9_999);

        using (var stop = new CancellationTokenSource())
        {
            var consuming = second.GetRequiredService<KafkaReadEventConsumer>().RunAsync(stop.Token);
            var deadline = DateTime.UtcNow + Patience;
            while ((await ReadCounting.ReadCountsAsync(second, articles)).Values.Sum() < 10_000 && DateTime.UtcNow < deadline)
                await Task.Delay(500);
            // Let it go on a while: a batch counted twice would show now.
            await Task.Delay(TimeSpan.FromSeconds(3));
            await stop.CancelAsync();
            await consuming.WaitAsync(Patience);
        }
        Assert.All(await ReadCounting.ReadCountsAsync(second, articles), count => Assert.Equal(100, count.Value));
    }

    private static List<long> NewArticles(int count)
    {
        var first = Random.Shared.NextInt64(1, 1L << 50);
        return Enumerable.Range(0, count).Select(i => first + i).ToList();
    }

    private static ReadEventMessage Message(long article, int partition, long offset) =>
        new(new EventPosition("t", partition, offset), Encoding.UTF8.GetBytes($$"""{"uid":1,"aid":{{article}},"at":0}"""));

    /// <summary>Sums what the app records on one of its counters while it is alive.</summary>
    private sealed class MeasurementsOf : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _sum;

        public MeasurementsOf(string instrument)
        {
            _listener.InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == ReadEventMetrics.MeterName && i.Name == instrument) l.EnableMeasurementEvents(i);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _sum, value));
            _listener.Start();
        }

        public long Sum => Interlocked.Read(ref _sum);

        public void Dispose() => _listener.Dispose();
    }
}
