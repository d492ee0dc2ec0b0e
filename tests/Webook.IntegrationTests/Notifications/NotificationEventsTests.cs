using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Comments;
using Webook.Core.Follows;
using Webook.Core.Http;
using Webook.Core.Interactions;
using Webook.Core.Notifications;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Notifications;

/// <summary>
/// Follow, comment, like and collect events turned into notifications on the test Azurite: batches handed over again, out of
/// date, or with a message that is no event change nothing twice; likes fold within the window; unread counts follow the
/// read mark.
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

    [Fact]
    public async Task Comments_notify_the_article_author_and_replies_the_author_replied_to_never_oneself_once_however_often_sent_and_a_deletion_withdraws()
    {
        await using var services = Instance();
        var (events, store) = (services.GetRequiredService<NotificationEvents>(), services.GetRequiredService<INotificationStore>());
        var (fan, article) = (_star + 1, Random.Shared.NextInt64(1, 1L << 50));
        var (byFan, starsReply, starsOwn, fansOwnReply) = (Comment(CommentEvent.Commented, article, new CommentEventItem(101, fan, 0, "nice")),
            Comment(CommentEvent.Replied, article, new CommentEventItem(102, _star, fan, "thanks")),
            Comment(CommentEvent.Commented, article, new CommentEventItem(103, _star, 0, "my own")),
            Comment(CommentEvent.Replied, article, new CommentEventItem(104, fan, fan, "and me")));
        var batch = new[] { byFan, starsReply, starsOwn, fansOwnReply };

        await events.HandleAsync(batch, default);
        await events.HandleAsync(batch, default); // redelivered

        var starsList = await store.ListAsync(_star, long.MaxValue / 4, 10, default);
        var notice = Assert.Single(starsList);
        Assert.Equal(("comment", fan, article, 101L, "nice"), (notice.Type, notice.ActorId, notice.ArticleId, notice.CommentId, notice.CommentContent));
        var reply = Assert.Single(await store.ListAsync(fan, long.MaxValue / 4, 10, default));
        Assert.Equal(("reply", _star, 102L, "thanks"), (reply.Type, reply.ActorId, reply.CommentId, reply.CommentContent));

        // The fan's comment deleted (a root, with the star's reply): both withdrawn; the comment's event sent again later makes nothing.
        await events.HandleAsync([Comment(CommentEvent.Uncommented, article, new CommentEventItem(102, _star, fan, ""), new CommentEventItem(101, fan, 0, ""))], default);
        await events.HandleAsync([byFan, starsReply], default);
        Assert.Empty(await store.ListAsync(_star, long.MaxValue / 4, 10, default));
        Assert.Empty(await store.ListAsync(fan, long.MaxValue / 4, 10, default));

        // A deletion that arrives before its comment (the sweep sent the comment late): the comment is never notified.
        var late = new CommentEventItem(105, fan, 0, "late");
        await events.HandleAsync([Comment(CommentEvent.Uncommented, article, late with { Content = "" }), Comment(CommentEvent.Commented, article, late)], default);
        Assert.Empty(await store.ListAsync(_star, long.MaxValue / 4, 10, default));
        Assert.Equal(0, await store.UnreadAsync(_star, 99, default));
    }

    [Fact]
    public async Task Likes_of_one_article_within_the_window_fold_into_one_notification_that_moves_up_and_an_unlike_takes_its_liker_out()
    {
        await using var services = Instance();
        var (events, store) = (services.GetRequiredService<NotificationEvents>(), services.GetRequiredService<INotificationStore>());
        var (a, b, c, article) = (_star + 1, _star + 2, _star + 3, Random.Shared.NextInt64(1, 1L << 50));

        // Three likers, the star's own like, and a batch handed over again: one notification counting three, naming the last.
        var batch = new[] { Like(InteractionEvent.Liked, article, a), Like(InteractionEvent.Liked, article, b), Like(InteractionEvent.Liked, article, _star),
            Like(InteractionEvent.Liked, article, c) };
        await events.HandleAsync(batch, default);
        var first = Assert.Single(await store.ListAsync(_star, long.MaxValue / 4, 10, default));
        await store.MarkReadAsync(_star, first.Id, default);
        await events.HandleAsync(batch, default);
        var folded = Assert.Single(await store.ListAsync(_star, long.MaxValue / 4, 10, default));
        Assert.Equal(("like", c, 3, article, first.Id, true), (folded.Type, folded.ActorId, folded.Count, folded.ArticleId, folded.Id, folded.Read));

        // c takes it back: the notification names someone still counted, keeps its place, and stays read.
        await events.HandleAsync([Like(InteractionEvent.Unliked, article, c)], default);
        var fewer = Assert.Single(await store.ListAsync(_star, long.MaxValue / 4, 10, default));
        Assert.Equal((2, first.Id, true), (fewer.Count, fewer.Id, fewer.Read));
        Assert.Contains(fewer.ActorId, new[] { a, b });

        // c likes again: counted once more, and the notification moves up, unread.
        await events.HandleAsync([Like(InteractionEvent.Liked, article, c)], default);
        var again = Assert.Single(await store.ListAsync(_star, long.MaxValue / 4, 10, default));
        Assert.Equal((3, c, false), (again.Count, again.ActorId, again.Read));
        Assert.True(again.Id > first.Id);
        Assert.Equal(1, await store.UnreadAsync(_star, 99, default));

        // All three take it back: the notification is gone.
        await events.HandleAsync([Like(InteractionEvent.Unliked, article, a), Like(InteractionEvent.Unliked, article, b), Like(InteractionEvent.Unliked, article, c)], default);
        Assert.Empty(await store.ListAsync(_star, long.MaxValue / 4, 10, default));
        Assert.Equal(0, await store.UnreadAsync(_star, 99, default));
    }

    [Fact]
    public async Task An_older_event_arriving_late_changes_nothing_and_a_like_after_the_window_starts_a_new_notification()
    {
        await using var services = Instance(foldWindow: "00:00:01");
        var (events, store) = (services.GetRequiredService<NotificationEvents>(), services.GetRequiredService<INotificationStore>());
        var (a, b, article) = (_star + 1, _star + 2, Random.Shared.NextInt64(1, 1L << 50));

        // a's like, then its unlike; the outbox's sweep sends the like again after them: the unlike stands.
        var like = Like(InteractionEvent.Liked, article, a);
        await events.HandleAsync([like, Like(InteractionEvent.Unliked, article, a), like], default);
        Assert.Empty(await store.ListAsync(_star, long.MaxValue / 4, 10, default));

        // b likes now, a two seconds later (past the one-second window): two notifications; collects fold apart from likes.
        await events.HandleAsync([Like(InteractionEvent.Liked, article, b)], default);
        _at += 2_000;
        await events.HandleAsync([Like(InteractionEvent.Liked, article, a), Like(InteractionEvent.Collected, article, a), Like(InteractionEvent.Collected, article, b)], default);
        var list = await store.ListAsync(_star, long.MaxValue / 4, 10, default);
        Assert.Equal([("collect", b, 2), ("like", a, 1), ("like", b, 1)], list.Select(n => (n.Type, n.ActorId, n.Count)));

        // An uncollect withdraws nothing; a collect into another collection counts no one twice; housekeeping tells nobody.
        await events.HandleAsync([Like(InteractionEvent.Uncollected, article, b), Like(InteractionEvent.Collected, article, b),
            Like(InteractionEvent.Collected, article, _star + 3, InteractionEvent.NoOneElse)], default);
        Assert.Equal(2, (await store.ListAsync(_star, long.MaxValue / 4, 10, default))[0].Count);
        Assert.Empty(await store.ListAsync(InteractionEvent.NoOneElse, long.MaxValue / 4, 10, default));
    }

    private long _version;

    private byte[] Like(string type, long article, long user, long? author = null) => JsonSerializer.SerializeToUtf8Bytes(
        new InteractionEvent(Guid.NewGuid().ToString("N"), type, article, author ?? _star, user, ++_version, _at += 10), WebookJson.Options);

    private byte[] Comment(string type, long article, params CommentEventItem[] comments) =>
        JsonSerializer.SerializeToUtf8Bytes(new CommentEvent(Guid.NewGuid().ToString("N"), type, article, _star, comments, _at += 10), WebookJson.Options);

    private byte[] Follow(long fan) => Message(new FollowEvent(Guid.NewGuid().ToString("N"), FollowEvent.Followed, fan, _star, _at += 10));

    private byte[] Unfollow(long fan) => Message(new FollowEvent(Guid.NewGuid().ToString("N"), FollowEvent.Unfollowed, fan, _star, _at += 10));

    private static byte[] Message(FollowEvent change) => JsonSerializer.SerializeToUtf8Bytes(change, WebookJson.Options);

    private ServiceProvider Instance(string foldWindow = "01:00:00")
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Storage:TablePrefix"] = _prefix,
            ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
            ["Notifications:FoldWindow"] = foldWindow,
        };
        return new ServiceCollection().AddLogging().AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    }
}
