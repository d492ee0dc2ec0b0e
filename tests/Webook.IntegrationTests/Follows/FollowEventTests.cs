using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Follows;
using Webook.Core.Storage.Kafka;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Follows;

/// <summary>
/// Follow events through the real test broker: each completed change is sent once from its intent row, and a change
/// whose event the brokers did not take (a broker that accepts connections and never answers) keeps its intent until
/// the repair sends the same event.
/// </summary>
public sealed class FollowEventTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _prefix = TestEnvironment.UniqueName("it");
    private readonly string _topic = TestEnvironment.UniqueName("follows");

    [Fact]
    public async Task A_follow_and_an_unfollow_each_send_one_event_and_leave_no_intent()
    {
        await using var services = Instance(TestEnvironment.KafkaBootstrapServers);
        var store = services.GetRequiredService<IFollowStore>();
        var (alice, bob) = (NewUser(), NewUser());

        Assert.True(await store.SetFollowAsync(alice, bob, true, default));
        Assert.False(await store.SetFollowAsync(alice, bob, true, default)); // nothing changed: no event
        Assert.True(await store.SetFollowAsync(alice, bob, false, default));

        var events = Consume(2);
        Assert.Equal([(FollowEvent.Followed, alice, bob), (FollowEvent.Unfollowed, alice, bob)], events.Select(e => (e.Type, e.Follower, e.Followee)));
        Assert.Equal(2, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(0, await IntentsAsync());
    }

    [Fact]
    public async Task With_a_broker_that_never_answers_the_follow_is_made_within_the_produce_timeout_and_the_repair_sends_its_event()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections and never answers, like a frozen broker
        await using (var frozen = Instance($"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}", produceTimeout: "00:00:01"))
        {
            var store = frozen.GetRequiredService<IFollowStore>();
            var (alice, bob) = (NewUser(), NewUser());

            // Kafka:ProduceTimeout ends the wait for the broker; a hang would end this test at its own deadline instead.
            Assert.True(await store.SetFollowAsync(alice, bob, true, default).WaitAsync(Patience));
            Assert.Equal(new FollowCounts(0, 1), await store.GetCountsAsync(bob, default));
            Assert.Equal(1, await IntentsAsync());

            await using var healthy = Instance(TestEnvironment.KafkaBootstrapServers);
            var repaired = await healthy.GetRequiredService<IFollowStore>().RepairAsync(TimeSpan.Zero, default);

            Assert.Equal([(alice, bob)], repaired);
            var sent = Assert.Single(Consume(1));
            Assert.Equal((FollowEvent.Followed, alice, bob), (sent.Type, sent.Follower, sent.Followee));
            Assert.Equal(0, await IntentsAsync());
        }
    }

    private List<FollowEvent> Consume(int count) => TopicReader.Read<FollowEvent>(_topic, count, e => e.Followee);

    private async Task<int> IntentsAsync()
    {
        var table = new TableServiceClient(TestEnvironment.StorageConnectionString).GetTableClient(_prefix + WebookTables.Follows);
        var intents = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo("intent-") >= 0 && e.RowKey.CompareTo("intent.") < 0)) intents++;
        return intents;
    }

    private static long NewUser() => Random.Shared.NextInt64(1, 1L << 50);

    private ServiceProvider Instance(string brokers, string? produceTimeout = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Storage:TablePrefix"] = _prefix,
            ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
            ["Kafka:BootstrapServers"] = brokers,
            ["Follows:EventTopic"] = _topic,
        };
        if (produceTimeout is not null) settings["Kafka:ProduceTimeout"] = produceTimeout;
        return new ServiceCollection().AddLogging().AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    }
}
