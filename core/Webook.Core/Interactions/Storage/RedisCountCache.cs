using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Webook.Core.Common;
using Webook.Core.Interactions;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Interactions.Storage;

/// <summary>
/// An article's counts as a hash {v, reads, likes, collects}, replaced only by a newer version of the table
/// row. Whole versioned values rather than increments: an increment arriving after a reload that already
/// read the table would count twice, a version cannot. Reads wait at most the cache timeout; writes do not wait.
/// Every reader asks for the counts, so each instance also keeps them in process (<see cref="LocalCacheTier"/>); every
/// write drops them in every instance.
/// </summary>
public sealed class RedisCountCache(RedisConnection redis, LocalCacheTier local, IOptions<InteractionOptions> options) : ICountCache
{
    private const string SetIfNewerScript = """
        local cached = tonumber(redis.call('HGET', KEYS[1], 'v'))
        if cached ~= nil and cached >= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', ARGV[1], 'reads', ARGV[2], 'likes', ARGV[3], 'collects', ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return 1
        """;

    private static readonly RedisValue[] Fields = ["v", "reads", "likes", "collects"];

    public Task<InteractionCounts?> GetAsync(long articleId, CancellationToken ct)
    {
        var key = Key(articleId);
        return local.GetOrReadAsync(key!, async () =>
        {
            var values = await redis.WithinCacheTimeout(redis.Database.HashGetAsync(key, Fields), ct);
            if (values.Any(v => v.IsNull)) return null;
            return new InteractionCounts(articleId, (long)values[0], (long)values[1], (long)values[2], (long)values[3]);
        });
    }

    public void SetIfNewer(InteractionCounts counts)
    {
        var key = Key(counts.ArticleId);
        redis.Send(SetIfNewerScript, [key],
            [counts.Version, counts.Reads, counts.Likes, counts.Collects, (long)options.Value.CountCacheLifetime.TotalMilliseconds]);
        local.Invalidate(key!);
    }

    public RedisKey Key(long articleId) => redis.Key("interactions:article:" + articleId);
}
