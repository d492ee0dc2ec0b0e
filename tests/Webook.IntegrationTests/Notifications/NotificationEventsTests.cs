using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Follows;
using Webook.Core.Http;
using Webook.Core.Notifications;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Notifications;

/// <summary>
/// Follow events turned into notifications on the test Azurite: batches handed over again, out of date, or with a
/// message that is no event change nothing twice; unread counts follow the read mark.
/// </summary>
public sealed class NotificationEventsTests
{
    private readonly string _prefix = TestEnvironment.UniqueName("it");
    private readonly long _star = Random.Shared.NextInt64(1, 1L << 50);
    private long _at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;

    [Fact]
    public async Task A_batch_handed_over_again_notifies_once_and_an_unfollow_withdraws_what_its_follow_made()
    {
        await using var services = Instance();
        var (events, store) = (services.GetRequiredService<NotificationEvents>(), services.GetRequiredService<INotificationStore>());
        var (fan, other) = (_star + 1, _star + 2);
        var batch = new[] { Follow(fan), Follow(other), Unfollow(fan), Follow(fan), "not an event"u8.ToArray(), Message(new FollowEvent("x", "follow", 5, 5, 1)) };

        await events.HandleAsync(batch, default);
        await events.HandleAsync(batch, default); // redelivered: the consumer stopped before committing
        await events.HandleAsync(batch[..3], default); // and an old part of it once more

        var list = await store.ListAsync(_star, long.MaxValue / 4, 10, default);
        Assert.Equal([(fan, "follow"), (other, "follow")], list.Select(n => (n.ActorId, n.Type)));
        Assert.True(list[0].Id > list[1].Id);
        Assert.All(list, n => Assert.False(n.Read));
        Assert.Equal(2, await store.UnreadAsync(_star, 99, default));

        await events.HandleAsync([Unfollow(other)], default);
        Assert.Equal([fan], (await store.ListAsync(_star, long.MaxValue / 4, 10, default)).Select(n => n.ActorId));
    }

    [Fact]
    public async Task The_read_mark_only_moves_forward_and_a_page_holds_what_is_older_than_its_time()
    {
        await using var services = Instance();
        var (events, store) = (services.GetRequiredService<NotificationEvents>(), services.GetRequiredService<INotificationStore>());
        var fans = Enumerable.Range(1, 5).Select(i => _star + i).ToList();
        await events.HandleAsync(fans.Select(Follow).ToList(), default);

        var all = await store.ListAsync(_star, long.MaxValue / 4, 10, default);
        Assert.Equal(Enumerable.Reverse(fans), all.Select(n => n.ActorId));
        var older = await store.ListAsync(_star, all[1].Ctime, 10, default);
        Assert.Equal(all.Skip(2).Select(n => n.Id), older.Select(n => n.Id));

        await store.MarkReadAsync(_star, all[2].Id, default);
        Assert.Equal(2, await store.UnreadAsync(_star, 99, default));
        await store.MarkReadAsync(_star, all[4].Id, default); // older: the mark stays
        Assert.Equal(2, await store.UnreadAsync(_star, 99, default));
        Assert.Equal(1, await store.UnreadAsync(_star, 1, default)); // counted up to the cap
        Assert.Equal([false, false, true, true, true], (await store.ListAsync(_star, long.MaxValue / 4, 10, default)).Select(n => n.Read));
        await store.MarkReadAsync(_star, null, default);
        Assert.Equal(0, await store.UnreadAsync(_star, 99, default));
        await store.MarkReadAsync(_star + 99, null, default); // nobody's notifications: nothing to mark
        Assert.Empty(await store.ListAsync(_star + 99, long.MaxValue / 4, 10, default));
    }

    private byte[] Follow(long fan) => Message(new FollowEvent(Guid.NewGuid().ToString("N"), FollowEvent.Followed, fan, _star, _at += 10));

    private byte[] Unfollow(long fan) => Message(new FollowEvent(Guid.NewGuid().ToString("N"), FollowEvent.Unfollowed, fan, _star, _at += 10));

    private static byte[] Message(FollowEvent change) => JsonSerializer.SerializeToUtf8Bytes(change, WebookJson.Options);

    private ServiceProvider Instance()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Storage:TablePrefix"] = _prefix,
            ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
        };
        return new ServiceCollection().AddLogging().AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    }
}
