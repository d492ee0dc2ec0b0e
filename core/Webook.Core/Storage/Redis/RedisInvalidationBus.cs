using StackExchange.Redis;
using Webook.Core.Common;

namespace Webook.Core.Storage.Redis;

/// <summary>
/// Invalidations on one pub/sub channel per key prefix. Pub/sub keeps nothing for a subscriber that is away, so
/// every lost or restored connection counts as "anything may have changed".
/// </summary>
public sealed class RedisInvalidationBus(RedisConnection redis) : IInvalidationBus
{
    private volatile bool _subscribed;

    private RedisChannel Channel => RedisChannel.Literal(redis.KeyPrefix + "invalidations");

    public void Publish(string key) => redis.Multiplexer.GetSubscriber().Publish(Channel, key, CommandFlags.FireAndForget);

    public bool IsListening => _subscribed && redis.Multiplexer.GetSubscriber().IsConnected(Channel);

    public void Listen(Action<string> changed, Action lost)
    {
        var multiplexer = redis.Multiplexer;
        multiplexer.ConnectionFailed += (_, _) => lost();
        multiplexer.ConnectionRestored += (_, _) => lost();
        // The client keeps the subscription and subscribes again by itself after every reconnection.
        multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, key) => changed(key!)).ContinueWith(subscribing =>
        {
            if (subscribing.IsCompletedSuccessfully) _subscribed = true;
            else lost();
        }, TaskScheduler.Default);
    }
}
