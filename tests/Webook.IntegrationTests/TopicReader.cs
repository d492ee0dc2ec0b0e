using System.Text.Json;
using Confluent.Kafka;
using Webook.Core.Http;
using Webook.TestSupport;

namespace Webook.IntegrationTests;

/// <summary>Reads a test topic of the real broker from its start in a group of its own.</summary>
internal static class TopicReader
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Exactly <paramref name="count"/> events, each with the key <paramref name="keyOf"/> gives it; fails when fewer come
    /// in time or one more follows them.
    /// </summary>
    public static List<T> Read<T>(string topic, int count, Func<T, long> keyOf)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = TestEnvironment.KafkaBootstrapServers,
            GroupId = TestEnvironment.UniqueName("group"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var events = new List<T>();
        var deadline = DateTime.UtcNow + Patience;
        while (events.Count < count && DateTime.UtcNow < deadline)
            if (ConsumeOrNothing(consumer) is { } result)
            {
                var change = JsonSerializer.Deserialize<T>(result.Message.Value, WebookJson.Options)!;
                Assert.Equal(keyOf(change).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Message.Key);
                events.Add(change);
            }
        Assert.Null(ConsumeOrNothing(consumer, 500));
        consumer.Close();
        Assert.Equal(count, events.Count);
        return events;
    }

    // A topic the app has not sent to yet does not exist (its relay may still be on the way): nothing yet, not a failure.
    private static ConsumeResult<string, string>? ConsumeOrNothing(IConsumer<string, string> consumer, int milliseconds = 200)
    {
        try
        {
            return consumer.Consume(TimeSpan.FromMilliseconds(milliseconds));
        }
        catch (ConsumeException e) when (e.Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            return null;
        }
    }
}
