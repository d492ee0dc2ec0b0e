using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Comments.Storage;

/// <summary>
/// Per article, a hash of first pages by limit ("comments:article:{id}:pages", expiring after Comments:FirstPageLifetime)
/// and a generation counter ("comments:article:{id}:generation") that every change increments while it deletes the pages.
/// </summary>
public sealed class RedisCommentPageCache(RedisConnection redis, IOptions<CommentOptions> options) : ICommentPageCache
{
    private const string SetScript = """
        if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return 1
        """;

    // The generation outlives any page by far: a reader's generation can only go missing if nothing changed for a day.
    private const string ChangedScript = """
        redis.call('INCR', KEYS[2])
        redis.call('PEXPIRE', KEYS[2], 86400000)
        redis.call('DEL', KEYS[1])
        return 1
        """;

    public async Task<byte[]?> GetAsync(long articleId, int limit, CancellationToken ct) =>
        await redis.WithinCacheTimeout(redis.Database.HashGetAsync(Pages(articleId), limit), ct) is { HasValue: true } page ? (byte[]?)page : null;

    public async Task<long> GenerationAsync(long articleId, CancellationToken ct) =>
        (long?)await redis.WithinCacheTimeout(redis.Database.StringGetAsync(Generation(articleId)), ct) ?? 0;

    public async Task SetAsync(long articleId, int limit, long generation, byte[] page, CancellationToken ct) =>
        await redis.WithinCacheTimeout(redis.EvaluateAsync("comment page set", SetScript, [Pages(articleId), Generation(articleId)],
            [generation, limit, page, (long)options.Value.FirstPageLifetime.TotalMilliseconds], ct), ct);

    public async Task ChangedAsync(long articleId, CancellationToken ct) =>
        await redis.WithinCacheTimeout(redis.EvaluateAsync("comment page drop", ChangedScript, [Pages(articleId), Generation(articleId)], [], ct), ct);

    private RedisKey Pages(long articleId) => redis.Key($"comments:article:{articleId}:pages");
    private RedisKey Generation(long articleId) => redis.Key($"comments:article:{articleId}:generation");
}
