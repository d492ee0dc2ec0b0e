using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Messages;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Messages;

/// <summary>
/// The message store against the test Azurite as two instances on the same table: every message is kept once in the
/// order sent, each side's conversation ends on the last message, and unread counts are the other's messages not yet
/// polled.
/// </summary>
public sealed class TableMessageStoreTests
{
    private readonly string _prefix = TestEnvironment.UniqueName("it");
    private readonly long _alice = Random.Shared.NextInt64(1, 1L << 50);
    private long Bob => _alice + 1;

    [Fact]
    public async Task Parallel_sends_both_ways_over_two_instances_are_kept_once_in_order_and_both_conversations_end_on_the_last()
    {
        await using var a = Instance();
        await using var b = Instance();

        var sent = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            (i % 2 == 0 ? a : b).Store.SendAsync(i % 3 == 0 ? Bob : _alice, i % 3 == 0 ? _alice : Bob, $"message {i}", default)));

        var chat = await a.Store.ChatAsync(_alice, Bob, 0, 1000, default);
        Assert.Equal(sent.Select(m => m.Id).Order(), chat.Select(m => m.Id));
        Assert.All(chat, m => Assert.Equal(m.Ctime, Webook.Core.Common.IdGenerator.UnixMsOf(m.Id)));
        var last = sent.MaxBy(m => m.Id)!;
        var mine = Assert.Single(await b.Store.ConversationsAsync(_alice, 99, default));
        var theirs = Assert.Single(await a.Store.ConversationsAsync(Bob, 99, default));
        Assert.Equal((Bob, last), (mine.With, mine.Last));
        Assert.Equal((_alice, last), (theirs.With, theirs.Last));
        // Alice polled everything just now; Bob has not polled: all of Alice's messages are unread for him.
        Assert.Equal((0, sent.Count(m => m.From == _alice)), (mine.Unread, theirs.Unread));
    }

    [Fact]
    public async Task A_poll_answers_what_is_newer_than_its_time_oldest_first_a_page_at_a_time_and_marks_it_read()
    {
        await using var a = Instance();
        var first = await a.Store.SendAsync(_alice, Bob, "one", default);
        await Task.Delay(3);
        var second = await a.Store.SendAsync(_alice, Bob, "two", default);
        await Task.Delay(3);
        var third = await a.Store.SendAsync(_alice, Bob, "three", default);
        Assert.Equal(3, (await a.Store.ConversationsAsync(Bob, 99, default)).Single().Unread);
        Assert.Equal(2, (await a.Store.ConversationsAsync(Bob, 2, default)).Single().Unread);

        var page = await a.Store.ChatAsync(Bob, _alice, first.Ctime, 1, default);
        Assert.Equal([second.Id], page.Select(m => m.Id));
        Assert.Equal(1, (await a.Store.ConversationsAsync(Bob, 99, default)).Single().Unread);
        Assert.Equal([third.Id], (await a.Store.ChatAsync(Bob, _alice, second.Ctime, 10, default)).Select(m => m.Id));
        Assert.Equal(0, (await a.Store.ConversationsAsync(Bob, 99, default)).Single().Unread);
        Assert.Empty(await a.Store.ChatAsync(Bob, _alice, third.Ctime, 10, default));

        // Bob's own message is never unread for him, and the conversation moves to it.
        var reply = await a.Store.SendAsync(Bob, _alice, "four", default);
        var conversation = (await a.Store.ConversationsAsync(Bob, 99, default)).Single();
        Assert.Equal((0, reply.Id, Bob), (conversation.Unread, conversation.Last.Id, conversation.Last.From));
        Assert.Empty(await a.Store.ConversationsAsync(Bob + 1, 99, default));
    }

    private StoreInstance Instance()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Storage:TablePrefix"] = _prefix,
            ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
            ["Redis:KeyPrefix"] = _prefix + ":",
            // 60 sends over two instances on two conversation rows at once.
            ["Messages:WriteAttempts"] = "30",
        };
        var services = new ServiceCollection().AddLogging().AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return new StoreInstance(services.BuildServiceProvider());
    }

    private sealed class StoreInstance(ServiceProvider provider) : IAsyncDisposable
    {
        public IMessageStore Store => provider.GetRequiredService<IMessageStore>();

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }
}
