using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Follows;
using Webook.Core.Http;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Feed;

/// <summary>
/// Turns a batch of article and follow events into feed entries: an article published goes to its author's box, to
/// the latest, and (for an author pushed, at most Feed:PushThreshold followers) into each follower's inbox; a
/// withdrawal takes it out of them; a follow copies the followee's newest articles into the follower's inbox, an
/// unfollow takes them out. Every write is an upsert or delete of a whole entry, so a batch handed over again changes
/// nothing; the events of one key (an author, a followee: one Kafka partition) are applied in order, keys side by side.
/// Throws when a write failed: the caller must not commit the batch. Both hosts call it.
/// </summary>
public sealed class FeedEvents(IFeedStore store, IFollowStore follows, IOptions<FeedOptions> options, ILogger<FeedEvents> logger)
{
    public Task HandleAsync(IReadOnlyList<byte[]> messages, CancellationToken ct) =>
        _lanes.ApplyAsync(messages.Select(Read).OfType<Change>().Select(c => (c.Lane, c.Apply)), options.Value, ct);

    private async Task PublishedAsync(ArticleEvent e, CancellationToken ct)
    {
        FeedEntry[] entry = [new(e.ArticleId, e.AuthorId, e.PublishedAt)];
        // The author's box first: a follow from now on finds the article there (copied), one before it is among the followers below.
        await Task.WhenAll(store.PutAsync(FeedBox.Author(e.AuthorId), entry, ct), store.PutAsync(FeedBox.Latest, entry, ct));
        if (!await PushedAsync(e.AuthorId, ct)) return;
        await ForEachFollowerAsync(e.AuthorId, (follower, token) => store.PutAsync(FeedBox.Inbox(follower), entry, token), ct);
    }

    private async Task WithdrawnAsync(ArticleEvent e, CancellationToken ct)
    {
        FeedEntry[] entry = [new(e.ArticleId, e.AuthorId, e.PublishedAt)];
        await Task.WhenAll(store.RemoveAsync(FeedBox.Author(e.AuthorId), entry, ct), store.RemoveAsync(FeedBox.Latest, entry, ct));
        // A pulled author's older pushed entries stay in inboxes: a page checks every article it shows, and leaves them out.
        if (!await store.IsPulledAsync(e.AuthorId, ct))
            await ForEachFollowerAsync(e.AuthorId, (follower, token) => store.RemoveAsync(FeedBox.Inbox(follower), entry, token), ct);
    }

    private async Task FollowedAsync(FollowEvent e, CancellationToken ct)
    {
        if (options.Value.BackfillOnFollow == 0 || await store.IsPulledAsync(e.Followee, ct)) return;
        var newest = new List<FeedEntry>();
        await foreach (var entry in store.ReadAsync(FeedBox.Author(e.Followee), long.MaxValue, options.Value.BackfillOnFollow, ct))
        {
            newest.Add(entry);
            if (newest.Count == options.Value.BackfillOnFollow) break;
        }
        if (newest.Count > 0) await store.PutAsync(FeedBox.Inbox(e.Follower), newest, ct);
    }

    /// <summary>True when the author's articles are pushed; an author above the threshold is marked pulled, for good.</summary>
    private async Task<bool> PushedAsync(long author, CancellationToken ct)
    {
        if (await store.IsPulledAsync(author, ct)) return false;
        if ((await follows.GetCountsAsync(author, ct)).Followers <= options.Value.PushThreshold) return true;
        await store.MarkPulledAsync(author, ct);
        logger.LogInformation("Author {Author} has more than Feed:PushThreshold followers: pulled from now on", author);
        return false;
    }

    private async Task ForEachFollowerAsync(long author, Func<long, CancellationToken, Task> write, CancellationToken ct)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.FanOutConcurrency, CancellationToken = ct };
        await Parallel.ForEachAsync(follows.AllFollowersAsync(author, ct), parallel, (follower, token) => new ValueTask(write(follower, token)));
    }

    private readonly EventLanes _lanes = new("Feed");

    private sealed record Change(string Lane, Func<CancellationToken, Task> Apply);

    private Change? Read(byte[] message) => EventLanes.Read(message, (type, json) => type switch
        {
            ArticleEvent.Published or ArticleEvent.Withdrawn => Article(json.Deserialize<ArticleEvent>(WebookJson.Options)),
            FollowEvent.Followed or FollowEvent.Unfollowed => Follow(json.Deserialize<FollowEvent>(WebookJson.Options)),
            _ => null,
        }, logger);

    private Change? Article(ArticleEvent? e) => e is { Id.Length: > 0, ArticleId: > 0, AuthorId: > 0, PublishedAt: > 0 }
        ? new Change("author-" + e.AuthorId, e.Type == ArticleEvent.Published ? ct => PublishedAsync(e, ct) : ct => WithdrawnAsync(e, ct))
        : null;

    private Change? Follow(FollowEvent? e) => e is { Id.Length: > 0, Follower: > 0, Followee: > 0 } && e.Follower != e.Followee
        ? new Change("followee-" + e.Followee, e.Type == FollowEvent.Followed
            ? ct => FollowedAsync(e, ct)
            : ct => store.RemoveAuthorAsync(e.Follower, e.Followee, ct))
        : null;
}
