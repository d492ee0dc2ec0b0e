using Webook.Core.Interactions.Kafka;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Logging.Abstractions;
using Webook.Core.Interactions;

namespace Webook.Benchmarks;

/// <summary>
/// The read-event consumer's in-memory step (<see cref="ReadEventFold.ByArticle"/>): one batch of 1000 events over
/// 100 articles, each message as KafkaReadEventPublisher writes it (ReadEvent serialized with the default options:
/// ids of the size IdGenerator makes, the time in Unix milliseconds), its position on one of 4 partitions by article
/// as the key would place it. OperationsPerInvoke is the batch size, so Mean and Allocated are per event and Op/s is
/// events per second; per batch is 1000 times Mean and Allocated.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(EventsPerSecond))]
public class ReadEventFoldBenchmarks
{
    private const int Events = 1000;
    private const int Articles = 100;
    private const int Partitions = 4;
    private ReadEventMessage[] _batch = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261123);
        var articles = Enumerable.Range(0, Articles).Select(i => 190_000_000_000_000 + i * 4_099L).ToArray();
        var offsets = new long[Partitions];
        const long at = 1_795_000_000_000;
        _batch = new ReadEventMessage[Events];
        for (var i = 0; i < Events; i++)
        {
            var article = articles[random.Next(Articles)];
            var partition = (int)(article % Partitions);
            var user = random.Next(10) == 0 ? 0 : 180_000_000_000_000 + random.Next(1_000_000_000);
            _batch[i] = new ReadEventMessage(new EventPosition("webook-read-events", partition, 1_000_000 + offsets[partition]++),
                JsonSerializer.SerializeToUtf8Bytes(new ReadEvent(user, article, at + i)));
        }

        var folded = Fold();
        if (folded.Values.Sum(p => p.Length) != Events || folded.Count > Articles)
            throw new InvalidOperationException("the fold lost events");
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "ReadEventFold.ByArticle, 1000 events over 100 articles")]
    public Dictionary<long, EventPosition[]> Fold() => ReadEventFold.ByArticle(_batch, NullLogger.Instance);

    private sealed class EventsPerSecond : ManualConfig
    {
        public EventsPerSecond() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
