using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Rewards;

/// <summary>
/// The detail poll's answers in Redis, <c>reward-status:{rid}</c> = <c>{tipper}|{status}</c>: a poll fills a missing key
/// (NX, so it never overwrites what the consumer wrote meanwhile) and the consumer overwrites it with the final status.
/// An unpaid status lives Rewards:PendingStatusLifetime, so a consumer that could not reach Redis delays the news by
/// that at most. A cache the request can do without: Redis failing or slow is a miss.
/// </summary>
public sealed class RewardStatusCache(RedisConnection redis, IOptions<RewardOptions> options, ILogger<RewardStatusCache> logger)
{
    public async Task<(long TipperId, RewardStatus Status)?> GetAsync(long rid, CancellationToken ct)
    {
        try
        {
            var value = (string?)await redis.WithinCacheTimeout(redis.Database.StringGetAsync(Key(rid)), ct);
            if (value?.Split('|') is [var tipper, var status] && long.TryParse(tipper, out var tipperId) && Enum.TryParse<RewardStatus>(status, out var parsed))
                return (tipperId, parsed);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogDebug(e, "The reward status cache did not answer; reading the table");
        }
        return null;
    }

    /// <summary>Fills the key from the table's answer, unless it is there already.</summary>
    public Task OfferAsync(Reward reward, CancellationToken ct) => SetAsync(reward, When.NotExists, ct);

    /// <summary>The consumer's news: the status now stored, over whatever the key held.</summary>
    public Task UpdateAsync(Reward reward, CancellationToken ct) => SetAsync(reward, When.Always, ct);

    private async Task SetAsync(Reward reward, When when, CancellationToken ct)
    {
        var lifetime = reward.Status == RewardStatus.Init ? options.Value.PendingStatusLifetime : options.Value.FinalStatusLifetime;
        try
        {
            await redis.WithinCacheTimeout(redis.Database.StringSetAsync(Key(reward.Id), $"{reward.TipperId}|{reward.Status}", lifetime, when), ct);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogDebug(e, "The reward status cache did not take reward {Rid}'s status", reward.Id);
        }
    }

    private RedisKey Key(long rid) => redis.Key("reward-status:" + rid);
}
