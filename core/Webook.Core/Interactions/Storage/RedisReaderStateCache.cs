using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Webook.Core.Interactions;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Interactions.Storage;

/// <summary>
/// One string per reader and article: "{version}:{liked}{collected}" (e.g. "12:10"), or "{version}:?" after a change
/// whose result the writer did not read back. Both writes are scripts that keep the later version.
/// </summary>
public sealed class RedisReaderStateCache(RedisConnection redis, IOptions<InteractionOptions> options) : IReaderStateCache
{
    // A state read at version L replaces what the cache has unless that is later, or a read state of the same version.
    private const string SetIfNewerScript = """
        local cached = redis.call('GET', KEYS[1])
        if cached then
          local sep = string.find(cached, ':', 1, true)
          local version = tonumber(string.sub(cached, 1, sep - 1))
          local label = tonumber(ARGV[1])
          if version > label or (version == label and string.sub(cached, sep + 1) ~= '?') then return 0 end
        end
        redis.call('SET', KEYS[1], ARGV[1] .. ':' .. ARGV[2], 'PX', ARGV[3])
        return 1
        """;

    // A change at version V outdates every state labelled below V.
    private const string ChangedScript = """
        local cached = redis.call('GET', KEYS[1])
        if cached then
          local version = tonumber(string.sub(cached, 1, string.find(cached, ':', 1, true) - 1))
          if version >= tonumber(ARGV[1]) then return 0 end
        end
        redis.call('SET', KEYS[1], ARGV[1] .. ':?', 'PX', ARGV[2])
        return 1
        """;

    public async Task<UserInteraction?> GetAsync(long articleId, long userId, CancellationToken ct)
    {
        string? value = await redis.WithinCacheTimeout(redis.Database.StringGetAsync(Key(articleId, userId)), ct);
        if (value is null) return null;
        var state = value.AsSpan(value.IndexOf(':') + 1);
        return state is [var liked and ('0' or '1'), var collected and ('0' or '1')]
            ? new UserInteraction(liked == '1', collected == '1')
            : null;
    }

    public void SetIfNewer(long articleId, long userId, long version, UserInteraction state) =>
        redis.Database.ScriptEvaluate(SetIfNewerScript, [Key(articleId, userId)],
            [version, $"{(state.Liked ? '1' : '0')}{(state.Collected ? '1' : '0')}", Lifetime], CommandFlags.FireAndForget);

    public void Changed(long articleId, long userId, long version) =>
        redis.Database.ScriptEvaluate(ChangedScript, [Key(articleId, userId)], [version, Lifetime], CommandFlags.FireAndForget);

    private long Lifetime => (long)options.Value.ReaderStateCacheLifetime.TotalMilliseconds;

    public RedisKey Key(long articleId, long userId) => redis.Key($"interactions:article:{articleId}:reader:{userId}");
}
