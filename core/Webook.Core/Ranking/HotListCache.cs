using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Common;

namespace Webook.Core.Ranking;

/// <summary>
/// The two levels readers go through: this instance's copy while younger than the local lifetime, then
/// the shared copy in Redis. When Redis fails, readers keep the last local copy however old (and Redis is
/// asked again only after another lifetime); an instance that never had one answers an empty list.
/// </summary>
public sealed class HotListCache(IHotListStore shared, IOptions<HotListOptions> options, TimeProvider time, CacheMetrics metrics,
    ILogger<HotListCache> logger)
{
    private sealed record LocalCopy(IReadOnlyList<HotArticle> List, long TakenAt);

    private volatile LocalCopy? _local;

    public async Task<IReadOnlyList<HotArticle>> GetAsync(CancellationToken ct)
    {
        var local = _local;
        if (local is not null && time.GetElapsedTime(local.TakenAt) < options.Value.LocalCacheLifetime)
        {
            metrics.Hit(CacheMetrics.HotList);
            return local.List;
        }
        metrics.Miss(CacheMetrics.HotList);
        try
        {
            var list = await shared.GetAsync(ct) ?? local?.List ?? [];
            _local = new LocalCopy(list, time.GetTimestamp());
            return list;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Hot list: the shared copy could not be read ({Reason}); serving the local one", e.Message);
            _local = new LocalCopy(local?.List ?? [], time.GetTimestamp());
            return local?.List ?? [];
        }
    }

    /// <summary>A new list: this instance's copy at once, then the shared one.</summary>
    public Task PublishAsync(IReadOnlyList<HotArticle> list, CancellationToken ct)
    {
        _local = new LocalCopy(list, time.GetTimestamp());
        return shared.SetAsync(list, ct);
    }
}
