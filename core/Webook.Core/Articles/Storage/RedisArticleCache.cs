using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Webook.Core.Articles;
using Webook.Core.Common;
using Webook.Core.Http;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Articles.Storage;

/// <summary>
/// Lists as JSON strings; articles as hashes {version, json} written only by a newer version. Fills are
/// fire-and-forget (a lost fill only costs a later store read); reads and removals wait at most the cache timeout.
/// Published copies, read by every reader, are also kept in process (<see cref="LocalCacheTier"/>); setting or
/// removing one drops them in every instance.
/// </summary>
public sealed class RedisArticleCache(RedisConnection redis, LocalCacheTier local, IOptions<ArticleOptions> options) : IArticleCache
{
    private const string SetIfNewer = """
        local cached = tonumber(redis.call('HGET', KEYS[1], 'version'))
        if cached ~= nil and cached >= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'version', ARGV[1], 'json', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    public Task<IReadOnlyList<ArticleSummary>?> GetFirstPageAsync(long authorId, CancellationToken ct) =>
        GetAsync<IReadOnlyList<ArticleSummary>>(ListKey(authorId), ct);

    public Task SetFirstPageAsync(long authorId, IReadOnlyList<ArticleSummary> page, CancellationToken ct) =>
        SetAsync(ListKey(authorId), page, options.Value.ListCacheLifetime);

    public Task RemoveFirstPageAsync(long authorId, CancellationToken ct) => redis.WithinCacheTimeout(redis.Database.KeyDeleteAsync(ListKey(authorId)), ct);

    public Task<Article?> GetDraftAsync(long id, CancellationToken ct) => GetArticleAsync(DraftKey(id), ct);

    public Task SetDraftAsync(Article draft, CancellationToken ct) => SetArticleAsync(DraftKey(draft.Id), draft, options.Value.DraftCacheLifetime);

    public Task RemoveDraftAsync(long id, CancellationToken ct) => redis.WithinCacheTimeout(redis.Database.KeyDeleteAsync(DraftKey(id)), ct);

    public Task<Article?> GetPublishedAsync(long id, CancellationToken ct)
    {
        var key = PublishedKey(id);
        return local.GetOrReadAsync(key!, () => GetArticleAsync(key, ct));
    }

    public async Task SetPublishedAsync(Article published, CancellationToken ct)
    {
        var key = PublishedKey(published.Id);
        await SetArticleAsync(key, published, options.Value.PublishedCacheLifetime);
        local.Invalidate(key!);
    }

    public Task RemovePublishedAsync(long id, CancellationToken ct) => redis.DeleteEverywhereAsync(PublishedKey(id), local, ct);

    private async Task<T?> GetAsync<T>(RedisKey key, CancellationToken ct) where T : class
    {
        var value = await redis.WithinCacheTimeout(redis.Database.StringGetAsync(key), ct);
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>((string)value!, WebookJson.Options);
    }

    private Task SetAsync<T>(RedisKey key, T value, TimeSpan lifetime) =>
        redis.Database.StringSetAsync(key, JsonSerializer.Serialize(value, WebookJson.Options), lifetime, flags: CommandFlags.FireAndForget);

    private async Task<Article?> GetArticleAsync(RedisKey key, CancellationToken ct)
    {
        var json = await redis.WithinCacheTimeout(redis.Database.HashGetAsync(key, "json"), ct);
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<Article>((string)json!, WebookJson.Options);
    }

    private Task SetArticleAsync(RedisKey key, Article article, TimeSpan lifetime)
    {
        redis.Send(SetIfNewer, [key], [article.Version, JsonSerializer.Serialize(article, WebookJson.Options), (long)lifetime.TotalMilliseconds]);
        return Task.CompletedTask;
    }

    private RedisKey ListKey(long authorId) => redis.Key($"articles:list:{authorId}");
    private RedisKey DraftKey(long id) => redis.Key($"articles:draft:{id}");
    private RedisKey PublishedKey(long id) => redis.Key($"articles:pub:{id}");
}
