using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Feed;
using Webook.Core.Follows;
using Webook.Core.Http;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Feed;

/// <summary>
/// Article and follow events turned into feed entries on the test Azurite, with real follows: pushed into inboxes at
/// most Feed:PushThreshold followers, pulled above it; batches handed over again change nothing; a withdrawal takes an
/// article out everywhere it was written; a follow copies, an unfollow removes.
/// </summary>
public sealed class FeedEventsTests
{
    private readonly string _prefix = TestEnvironment.UniqueName("it");
    private readonly long _author = Random.Shared.NextInt64(1, 1L << 50);
    private long _at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;

    [Fact]
    public async Task A_publication_reaches_every_followers_inbox_once_however_often_sent_and_its_withdrawal_takes_it_out_everywhere()
    {
        await using var services = Instance(pushThreshold: 1000);
        var (events, store) = (services.GetRequiredService<FeedEvents>(), services.GetRequiredService<IFeedStore>());
        var fans = await FollowersAsync(services, 3);
        var (first, second) = (Publish(1), Publish(2));
        byte[][] batch = [first, second, "not an event"u8.ToArray()];

        await events.HandleAsync(batch, default);
        await events.HandleAsync(batch, default); // redelivered

        foreach (var fan in fans) Assert.Equal([2L, 1], await IdsAsync(store, FeedBox.Inbox(fan)));
        Assert.Equal([2L, 1], await IdsAsync(store, FeedBox.Author(_author)));
        Assert.Equal([2L, 1], await IdsAsync(store, FeedBox.Latest));

        var withdrawal = Withdraw(first);
        await events.HandleAsync([withdrawal], default);
        await events.HandleAsync([withdrawal], default); // redelivered: nothing left to take out, no error
        foreach (var fan in fans) Assert.Equal([2L], await IdsAsync(store, FeedBox.Inbox(fan)));
        Assert.Equal([2L], await IdsAsync(store, FeedBox.Author(_author)));
        Assert.Equal([2L], await IdsAsync(store, FeedBox.Latest));
        Assert.False(await store.IsPulledAsync(_author, default));
    }

    [Fact]
    public async Task An_author_above_the_threshold_is_pulled_for_good_and_a_follow_copies_a_pushed_authors_articles_which_its_unfollow_removes()
    {
        await using var services = Instance(pushThreshold: 1);
        var (events, store, follows) = (services.GetRequiredService<FeedEvents>(), services.GetRequiredService<IFeedStore>(),
            services.GetRequiredService<IFollowStore>());
        var fans = await FollowersAsync(services, 2);

        await events.HandleAsync([Publish(1)], default);
        Assert.True(await store.IsPulledAsync(_author, default));
        foreach (var fan in fans) Assert.Empty(await IdsAsync(store, FeedBox.Inbox(fan)));
        Assert.Equal([1L], await IdsAsync(store, FeedBox.Author(_author)));
        Assert.Contains(_author, await store.PulledAuthorsAsync(default));

        // Another author, pushed: a follow copies its articles, the unfollow takes them out of that inbox only.
        var other = _author + 1;
        await events.HandleAsync([Publish(5, other), Publish(6, other)], default);
        var reader = fans[0];
        Assert.True(await follows.SetFollowAsync(reader, other, true, default));
        await events.HandleAsync([Follow(FollowEvent.Followed, reader, other)], default);
        Assert.Equal([6L, 5], await IdsAsync(store, FeedBox.Inbox(reader)));
        await events.HandleAsync([Follow(FollowEvent.Unfollowed, reader, other)], default);
        Assert.Empty(await IdsAsync(store, FeedBox.Inbox(reader)));
        Assert.Equal([6L, 5], await IdsAsync(store, FeedBox.Author(other)));
    }

    private async Task<List<long>> FollowersAsync(ServiceProvider services, int count)
    {
        var follows = services.GetRequiredService<IFollowStore>();
        var fans = Enumerable.Range(1, count).Select(i => _author + 100 + i).ToList();
        foreach (var fan in fans) Assert.True(await follows.SetFollowAsync(fan, _author, true, default));
        return fans;
    }

    private static async Task<List<long>> IdsAsync(IFeedStore store, FeedBox box)
    {
        var ids = new List<long>();
        await foreach (var entry in store.ReadAsync(box, long.MaxValue, 100, default)) ids.Add(entry.ArticleId);
        return ids;
    }

    private byte[] Publish(long article, long? author = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new ArticleEvent(Guid.NewGuid().ToString("N"), ArticleEvent.Published, article, author ?? _author, _at += 10, _at),
            WebookJson.Options);

    private static byte[] Withdraw(byte[] publication)
    {
        var published = JsonSerializer.Deserialize<ArticleEvent>(publication, WebookJson.Options)!;
        return JsonSerializer.SerializeToUtf8Bytes(published with { Id = Guid.NewGuid().ToString("N"), Type = ArticleEvent.Withdrawn }, WebookJson.Options);
    }

    private byte[] Follow(string type, long follower, long followee) =>
        JsonSerializer.SerializeToUtf8Bytes(new FollowEvent(Guid.NewGuid().ToString("N"), type, follower, followee, _at += 10), WebookJson.Options);

    private ServiceProvider Instance(int pushThreshold)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Storage:TablePrefix"] = _prefix,
            ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
            ["Redis:KeyPrefix"] = _prefix + ":",
            ["Feed:PushThreshold"] = pushThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new ServiceCollection().AddLogging().AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    }
}
