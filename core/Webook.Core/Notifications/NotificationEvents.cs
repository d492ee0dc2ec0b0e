using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Comments;
using Webook.Core.Follows;
using Webook.Core.Http;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Notifications;

/// <summary>
/// Turns a batch of events into notifications: the events of one key (a followee's follows, an article's comments: one
/// Kafka partition each) in the order they came, keys side by side. Every change names its event or keeps the time of
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
            _ => null,
        }, logger);

    private Change? Follow(FollowEvent? e) => e is { Id.Length: > 0, Follower: > 0, Followee: > 0 } && e.Follower != e.Followee
        ? new Change("followee-" + e.Followee, e.Type == FollowEvent.Followed
            ? ct => store.FollowedAsync(e.Id, e.Follower, e.Followee, e.At, ct)
            : ct => store.UnfollowedAsync(e.Follower, e.Followee, e.At, ct))
        : null;

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
