using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Webook.Core.Common;
using Webook.Core.Interactions;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Interactions.Storage;

/// <summary>
/// One string per reader and article: "{version}:{liked}{collected}" (e.g. "12:10"), or "{version}:?" after a change
/// whose result the writer did not read back. Both writes are scripts that keep the later version. A reader with a
/// token asks for it on every article view, so each instance also keeps the usable states it read in process
/// (<see cref="LocalCacheTier"/>); every write drops that copy in every instance.
/// </summary>
public sealed class RedisReaderStateCache(RedisConnection redis, LocalCacheTier local, IOptions<InteractionOptions> options) : IReaderStateCache
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

    // The four states, made once: the in-process copies share them.
    private static readonly Usable[] States = [new(new(false, false)), new(new(false, true)), new(new(true, false)), new(new(true, true))];

    public async Task<UserInteraction?> GetAsync(long articleId, long userId, CancellationToken ct)
    {
        var key = Key(articleId, userId);
        return (await local.GetOrReadAsync(key!, async () =>
        {
            string? value = await redis.WithinCacheTimeout(redis.Database.StringGetAsync(key), ct);
            if (value is null) return null;
            var state = value.AsSpan(value.IndexOf(':') + 1);
            return state is [var liked and ('0' or '1'), var collected and ('0' or '1')]
                ? States[(liked == '1' ? 2 : 0) + (collected == '1' ? 1 : 0)]
                : null;
        }))?.State;
    }

    public void SetIfNewer(long articleId, long userId, long version, UserInteraction state)
    {
        var key = Key(articleId, userId);
        redis.Send(SetIfNewerScript, [key], [version, $"{(state.Liked ? '1' : '0')}{(state.Collected ? '1' : '0')}", Lifetime]);
        local.Invalidate(key!);
    }

    public void Changed(long articleId, long userId, long version)
    {
        var key = Key(articleId, userId);
        redis.Send(ChangedScript, [key], [version, Lifetime]);
        local.Invalidate(key!);
    }

    private sealed record Usable(UserInteraction State);

    private long Lifetime => (long)options.Value.ReaderStateCacheLifetime.TotalMilliseconds;

    public RedisKey Key(long articleId, long userId) => redis.Key($"interactions:article:{articleId}:reader:{userId}");
}
