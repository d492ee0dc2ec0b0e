using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Comments;
using Webook.Core.Follows;
using Webook.Core.Http;
using Webook.Core.Interactions;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Notifications;

/// <summary>
/// Turns a batch of events into notifications: the events of one key (a followee's follows, an article's comments,
/// likes and collects: one Kafka partition each) in the order they came, keys side by side. Every change names its event or keeps the time of
/// the last one applied, so a batch handed over again changes nothing. Never a notification for oneself. A message
/// that is no event is logged and skipped (it would fail every retry). Throws when a change could not be written; the
/// caller must not commit the batch and hands it over again. Both hosts call it.
/// </summary>
public sealed class NotificationEvents(INotificationStore store, IOptions<NotificationOptions> options, ILogger<NotificationEvents> logger)
{
    private readonly EventLanes _lanes = new("Notifications");

    public Task HandleAsync(IReadOnlyList<byte[]> messages, CancellationToken ct) =>
        _lanes.ApplyAsync(messages.Select(Read).OfType<Change>().Select(c => (c.Lane, c.Apply)), options.Value, ct);

    private sealed record Change(string Lane, Func<CancellationToken, Task> Apply);

    private Change? Read(byte[] message) => EventLanes.Read(message, (type, json) => type switch
        {
            FollowEvent.Followed or FollowEvent.Unfollowed => Follow(json.Deserialize<FollowEvent>(WebookJson.Options)),
            CommentEvent.Commented or CommentEvent.Replied or CommentEvent.Uncommented => Comment(json.Deserialize<CommentEvent>(WebookJson.Options)),
            InteractionEvent.Liked or InteractionEvent.Unliked or InteractionEvent.Collected or InteractionEvent.Uncollected =>
                Interaction(json.Deserialize<InteractionEvent>(WebookJson.Options)),
            _ => null,
        }, logger);

    private Change? Follow(FollowEvent? e) => e is { Id.Length: > 0, Follower: > 0, Followee: > 0 } && e.Follower != e.Followee
        ? new Change("followee-" + e.Followee, e.Type == FollowEvent.Followed
            ? ct => store.FollowedAsync(e.Id, e.Follower, e.Followee, e.At, ct)
            : ct => store.UnfollowedAsync(e.Follower, e.Followee, e.At, ct))
        : null;

    private static readonly Func<CancellationToken, Task> Nothing = _ => Task.CompletedTask;

    /// <summary>
    /// A like or collect notifies the article's author (folded per article); an unlike withdraws it. An uncollect
    /// withdraws nothing (the article may well stay in another of the reader's collections), and a reader's own
    /// housekeeping (InteractionEvent.NoOneElse) or a like of one's own article tells nobody.
    /// </summary>
    private Change? Interaction(InteractionEvent? e)
    {
        if (e is not { Id.Length: > 0, ArticleId: > 0, UserId: > 0, ArticleAuthor: >= 0, Version: > 0 }) return null;
        var lane = "article-" + e.ArticleId;
        if (e.ArticleAuthor == InteractionEvent.NoOneElse || e.ArticleAuthor == e.UserId || e.Type == InteractionEvent.Uncollected) return new Change(lane, Nothing);
        return new Change(lane, e.Type switch
        {
            InteractionEvent.Unliked => ct => store.UnfoldedAsync(InteractionEvent.Liked, e.UserId, e.ArticleAuthor, e.ArticleId, e.Version, ct),
            _ => ct => store.FoldedAsync(e.Id, e.Type, e.UserId, e.ArticleAuthor, e.ArticleId, e.Version, e.At, ct),
        });
    }

    private Change? Comment(CommentEvent? e)
    {
        if (e is not { Id.Length: > 0, ArticleId: > 0, Comments.Count: > 0 }) return null;
        return new Change("article-" + e.ArticleId, async ct =>
        {
            foreach (var comment in e.Comments)
            {
                // A root concerns the article's author; a reply, the author of the comment it answers.
                var recipient = comment.ReplyTo > 0 ? comment.ReplyTo : e.ArticleAuthor;
                if (recipient <= 0 || recipient == comment.UserId) continue;
                if (e.Type == CommentEvent.Uncommented) await store.UncommentedAsync(recipient, comment.CommentId, e.At, ct);
                else await store.CommentedAsync(e.Id, e.Type, comment.UserId, recipient, e.ArticleId, comment.CommentId, comment.Content, e.At, ct);
            }
        });
    }
}
