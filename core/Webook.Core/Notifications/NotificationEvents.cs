using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Follows;
using Webook.Core.Http;

namespace Webook.Core.Notifications;

/// <summary>
/// Turns a batch of events into notifications: each recipient's events in the order they came (one Kafka partition
/// per recipient key), recipients side by side. Every change names its event or its time, so a batch handed over again
/// changes nothing. A message that is no event is logged and skipped (it would fail every retry). Throws when a
/// change could not be written; the caller must not commit the batch and hands it over again. Both hosts call it.
/// </summary>
public sealed class NotificationEvents(INotificationStore store, IOptions<NotificationOptions> options, ILogger<NotificationEvents> logger)
{
    private int _applied;

    public async Task HandleAsync(IReadOnlyList<byte[]> messages, CancellationToken ct)
    {
        var byRecipient = new Dictionary<long, List<FollowEvent>>();
        foreach (var message in messages)
        {
            if (Read(message) is not { } change) continue;
            if (!byRecipient.TryGetValue(change.Followee, out var events)) byRecipient[change.Followee] = events = [];
            events.Add(change);
        }
        await Parallel.ForEachAsync(byRecipient.Values, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ApplyConcurrency, CancellationToken = ct },
            async (events, token) =>
            {
                foreach (var change in events)
                {
                    if (change.Type == FollowEvent.Followed) await store.FollowedAsync(change.Id, change.Follower, change.Followee, change.At, token);
                    else await store.UnfollowedAsync(change.Follower, change.Followee, change.At, token);
                    if (Interlocked.Increment(ref _applied) == options.Value.CrashAfterEventsForTests)
                        Environment.FailFast("Notifications:CrashAfterEventsForTests is set: ending in the middle of a batch.");
                }
            });
    }

    private FollowEvent? Read(byte[] message)
    {
        try
        {
            var change = JsonSerializer.Deserialize<FollowEvent>(message, WebookJson.Options);
            if (change is { Id.Length: > 0, Follower: > 0, Followee: > 0 } && change.Type is FollowEvent.Followed or FollowEvent.Unfollowed && change.Follower != change.Followee)
                return change;
        }
        catch (JsonException)
        {
        }
        logger.LogWarning("Skipped a message that is no follow event ({Bytes} bytes)", message.Length);
        return null;
    }
}
