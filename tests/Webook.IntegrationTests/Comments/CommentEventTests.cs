using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Comments;
using Webook.Core.Storage.Tables;
using Webook.IntegrationTests.Storage;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Comments;

/// <summary>
/// Comment events through the shared table outbox and the real test broker: each comment, reply and deletion sends one
/// event from the outbox row of its own transaction and leaves no row; a change whose event the brokers did not take (a
/// broker that accepts connections and never answers) keeps its row, which the sweep sends once it is older than
/// Outbox:RelayAfter, and not before.
/// </summary>
public sealed class CommentEventTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const long Author = 7;
    private readonly string _prefix = TestEnvironment.UniqueName("it");
    private readonly string _topic = TestEnvironment.UniqueName("comments");
    private readonly long _article = Random.Shared.NextInt64(1, 1L << 50);

    [Fact]
    public async Task A_comment_a_reply_and_the_deletion_of_their_root_each_send_one_event_and_leave_no_outbox_row()
    {
        await using var services = Instance(TestEnvironment.KafkaBootstrapServers);
        var store = services.GetRequiredService<ICommentStore>();

        var root = (await store.AddAsync(_article, Author, 1, "first", null, default))!;
        var reply = (await store.AddAsync(_article, Author, 2, new string('r', 150), root.Id, default))!;
        Assert.True(await store.DeleteAsync(root, Author, default));

        var events = Consume(4);
        Assert.Equal([CommentEvent.Commented, CommentEvent.Replied, CommentEvent.Uncommented, CommentEvent.Uncommented], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal((_article, Author), (e.ArticleId, e.ArticleAuthor)));
        Assert.Equal(new CommentEventItem(root.Id, 1, 0, "first"), Assert.Single(events[0].Comments));
        Assert.Equal(new CommentEventItem(reply.Id, 2, 1, new string('r', 100)), Assert.Single(events[1].Comments)); // the text cut to 100
        // The replies go first, a transaction (and an event) per batch; the root in the last one.
        Assert.Equal(new CommentEventItem(reply.Id, 2, 1, ""), Assert.Single(events[2].Comments));
        Assert.Equal(new CommentEventItem(root.Id, 1, 0, ""), Assert.Single(events[3].Comments));
        Assert.Equal(4, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(0, await OutboxRowsAsync());
    }

    [Fact]
    public async Task With_a_broker_that_never_answers_the_comment_is_made_within_the_produce_timeout_and_the_sweep_sends_its_event_once_it_is_due()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections and never answers, like a frozen broker
        await using var frozen = Instance($"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}", produceTimeout: "00:00:01");

        // Kafka:ProduceTimeout ends the wait for the broker; a hang would end this test at its own deadline instead.
        var comment = await frozen.GetRequiredService<ICommentStore>().AddAsync(_article, Author, 3, "kept", null, default).WaitAsync(Patience);
        Assert.NotNull(comment);
        Assert.Equal(1, (await frozen.GetRequiredService<ICommentStore>().CountAsync(_article, default)).Count);
        Assert.Equal(1, await OutboxRowsAsync());

        // Younger than Outbox:RelayAfter: its writer may still be sending it, so the sweep leaves it.
        await using var healthy = Instance(TestEnvironment.KafkaBootstrapServers);
        Assert.Equal(0, await healthy.GetRequiredService<TableOutbox>().SweepAsync(default));
        Assert.Equal(1, await OutboxRowsAsync());

        // Two minutes on (the default RelayAfter is one): the sweep sends it and deletes the row.
        await using var later = Instance(TestEnvironment.KafkaBootstrapServers, ahead: TimeSpan.FromMinutes(2));
        Assert.Equal(1, await later.GetRequiredService<TableOutbox>().SweepAsync(default));
        var sent = Assert.Single(Consume(1));
        Assert.Equal((CommentEvent.Commented, comment.Id, "kept"), (sent.Type, sent.Comments[0].CommentId, sent.Comments[0].Content));
        Assert.Equal(0, await OutboxRowsAsync());
        Assert.Equal(0, await later.GetRequiredService<TableOutbox>().SweepAsync(default));
    }

    private List<CommentEvent> Consume(int count) => TopicReader.Read<CommentEvent>(_topic, count, e => e.ArticleId);

    private Task<int> OutboxRowsAsync() => OutboxRows.CountAsync(_prefix, WebookTables.Comments);

    private ServiceProvider Instance(string brokers, string? produceTimeout = null, TimeSpan ahead = default)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Storage:TablePrefix"] = _prefix,
            ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
            ["Redis:KeyPrefix"] = _prefix + ":",
            ["Kafka:BootstrapServers"] = brokers,
            ["Comments:EventTopic"] = _topic,
        };
        if (produceTimeout is not null) settings["Kafka:ProduceTimeout"] = produceTimeout;
        var services = new ServiceCollection().AddLogging().AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        if (ahead != default) services.AddSingleton<TimeProvider>(new AheadTime(ahead));
        return services.BuildServiceProvider();
    }
}
