using System.Text.Json;
using Webook.Core.Http;
using Webook.Core.Ranking;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Ranking.Storage;

/// <summary>The hot list as one JSON string without expiry: an old list beats none.</summary>
public sealed class RedisHotListStore(RedisConnection redis) : IHotListStore
{
    public async Task<IReadOnlyList<HotArticle>?> GetAsync(CancellationToken ct)
    {
        var value = await redis.WithinCacheTimeout(redis.Database.StringGetAsync(Key), ct);
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<List<HotArticle>>((string)value!, WebookJson.Options);
    }

    public Task SetAsync(IReadOnlyList<HotArticle> list, CancellationToken ct) =>
        redis.Database.StringSetAsync(Key, JsonSerializer.Serialize(list, WebookJson.Options)).WaitAsync(ct);

    private StackExchange.Redis.RedisKey Key => redis.Key("hotlist");
}
