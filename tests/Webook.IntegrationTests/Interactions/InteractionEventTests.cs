using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Interactions;
using Webook.Core.Storage.Tables;
using Webook.IntegrationTests.Storage;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Interactions;

/// <summary>
/// Like and collect events through the shared table outbox and the real test broker: every change a transaction wrote
/// sends one event from that transaction's outbox row (a group-committed batch, one row for all its changes), stamped
/// with the counts version it wrote; a change that changed nothing sends none; a broker that never answers leaves the
/// row to the sweep.
/// </summary>
public sealed class InteractionEventTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const long Author = 7;
    private readonly string _prefix = TestEnvironment.UniqueName("it");
    private readonly string _topic = TestEnvironment.UniqueName("interactions");
    private readonly long _article = Random.Shared.NextInt64(1, 1L << 50);

    [Fact]
    public async Task Forty_parallel_likes_and_a_collect_send_one_event_each_with_the_version_their_transaction_wrote()
    {
        await using var services = Instance(TestEnvironment.KafkaBootstrapServers);
        var store = services.GetRequiredService<IInteractionStore>();

        var likes = await Task.WhenAll(Enumerable.Range(1, 40).Select(user => Task.Run(() => store.SetLikeAsync(_article, Author, user, true, default))));
        var collect = await store.SetCollectAsync(_article, Author, 3, 5, true, default);
        Assert.Null(await store.SetLikeAsync(_article, Author, 3, true, default)); // already liked: no change, no event
        var unlike = await store.SetLikeAsync(_article, Author, 3, false, default);

        var events = TopicReader.Read<InteractionEvent>(_topic, 42, e => e.ArticleId);
        var liked = events.Where(e => e.Type == InteractionEvent.Liked).ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(u => (long)u), liked.Select(e => e.UserId).Order());
        // Each like's event carries the version its own answer reports: the transaction that wrote it.
        Assert.Equal(likes.Select((c, i) => (i + 1L, c!.Version)).Order(), liked.Select(e => (e.UserId, e.Version)).Order());
        Assert.Equal((3L, collect!.Version), events.Where(e => e.Type == InteractionEvent.Collected).Select(e => (e.UserId, e.Version)).Single());
        Assert.Equal((3L, unlike!.Version), events.Where(e => e.Type == InteractionEvent.Unliked).Select(e => (e.UserId, e.Version)).Single());
        Assert.All(events, e => Assert.Equal((_article, Author), (e.ArticleId, e.ArticleAuthor)));
        Assert.Equal(42, events.Select(e => e.Id).Distinct().Count());
        // Every transaction's row relayed (after its answer): none left.
        await WaitForNoOutboxRowsAsync();
    }

    [Fact]
    public async Task With_a_broker_that_never_answers_the_like_counts_at_once_and_the_sweep_sends_its_event_once_it_is_due()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections and never answers, like a frozen broker
        await using var frozen = Instance($"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}", produceTimeout: "00:00:01");

        // The like's answer does not wait for the broker at all: the relay runs after it.
        var counts = await frozen.GetRequiredService<IInteractionStore>().SetLikeAsync(_article, Author, 4, true, default).WaitAsync(Patience);
        Assert.Equal(1, counts!.Likes);
        Assert.Equal(1, await OutboxRowsAsync());

        // Two minutes on (the default Outbox:RelayAfter is one): the sweep sends it and deletes the row.
        await using var later = Instance(TestEnvironment.KafkaBootstrapServers, ahead: TimeSpan.FromMinutes(2));
        Assert.Equal(1, await later.GetRequiredService<TableOutbox>().SweepAsync(default));
        var sent = Assert.Single(TopicReader.Read<InteractionEvent>(_topic, 1, e => e.ArticleId));
        Assert.Equal((InteractionEvent.Liked, 4L, counts.Version), (sent.Type, sent.UserId, sent.Version));
        Assert.Equal(0, await OutboxRowsAsync());
    }

    private async Task WaitForNoOutboxRowsAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await OutboxRowsAsync() > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(0, await OutboxRowsAsync());
    }

    private Task<int> OutboxRowsAsync() => OutboxRows.CountAsync(_prefix, WebookTables.Interactions);

    private ServiceProvider Instance(string brokers, string? produceTimeout = null, TimeSpan ahead = default)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Storage:TablePrefix"] = _prefix,
            ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
            ["Redis:KeyPrefix"] = _prefix + ":",
            ["Kafka:BootstrapServers"] = brokers,
            ["Interactions:EventTopic"] = _topic,
        };
        if (produceTimeout is not null) settings["Kafka:ProduceTimeout"] = produceTimeout;
        var services = new ServiceCollection().AddLogging().AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        if (ahead != default) services.AddSingleton<TimeProvider>(new AheadTime(ahead));
        return services.BuildServiceProvider();
    }
}
