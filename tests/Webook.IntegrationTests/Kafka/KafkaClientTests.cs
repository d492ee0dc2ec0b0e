using Confluent.Kafka;
using Webook.Core.Storage.Kafka;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Kafka;

/// <summary>Confluent.Kafka through the bundled-library resolver, against the test broker.</summary>
public sealed class KafkaClientTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public KafkaClientTests() => KafkaNativeLibrary.UseBundled();

    [Fact]
    public void The_loaded_librdkafka_is_the_one_librdkafka_redist_ships()
    {
        Assert.Equal("2.16.0", Library.VersionString);
        var mapped = File.ReadAllLines("/proc/self/maps").Where(l => l.Contains("librdkafka", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(mapped);
        Assert.All(mapped, line => Assert.EndsWith("/" + KafkaNativeLibrary.BundledFileName(), line));
    }

    [Fact]
    public async Task Produced_messages_are_consumed_by_a_group_that_commits_its_offsets()
    {
        var topic = TestEnvironment.UniqueName("topic");
        var group = TestEnvironment.UniqueName("group");
        var first = Enumerable.Range(0, 100).Select(i => $"first-{i}").ToList();
        var second = Enumerable.Range(0, 10).Select(i => $"second-{i}").ToList();

        await ProduceAsync(topic, first);
        Assert.Equal(first.Order(), ConsumeAndCommit(topic, group, first.Count).Order());

        // A later member of the same group starts from the committed offsets: it sees only what is new.
        await ProduceAsync(topic, second);
        Assert.Equal(second.Order(), ConsumeAndCommit(topic, group, second.Count).Order());
    }

    private static async Task ProduceAsync(string topic, IEnumerable<string> values)
    {
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig
        {
            BootstrapServers = TestEnvironment.KafkaBootstrapServers,
            Acks = Acks.All,
            MessageTimeoutMs = (int)Patience.TotalMilliseconds,
        }).Build();
        foreach (var value in values)
            Assert.Equal(PersistenceStatus.Persisted, (await producer.ProduceAsync(topic, new Message<Null, string> { Value = value })).Status);
    }

    private static List<string> ConsumeAndCommit(string topic, string group, int count)
    {
        using var consumer = new ConsumerBuilder<Null, string>(new ConsumerConfig
        {
            BootstrapServers = TestEnvironment.KafkaBootstrapServers,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            SessionTimeoutMs = 6000,
        }).Build();
        consumer.Subscribe(topic);
        var values = new List<string>();
        var deadline = DateTime.UtcNow + Patience;
        while (values.Count < count && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null) continue;
            values.Add(result.Message.Value);
            consumer.Commit(result);
        }
        // Nothing beyond what was produced arrives.
        Assert.Null(consumer.Consume(TimeSpan.FromMilliseconds(500)));
        consumer.Close();
        return values;
    }
}
