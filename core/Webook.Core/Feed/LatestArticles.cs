using Microsoft.Extensions.Options;
using Webook.Core.Common;

namespace Webook.Core.Feed;

/// <summary>
/// GET /articles/pub/latest's list: this instance keeps the newest Feed:LatestCached entries of the latest box for
/// Feed:LatestLifetime, read again from the table by one request when they are older (the others wait for it); a page
/// beyond them goes on in the table from the last one kept. A publication is seen here within that lifetime;
/// a withdrawal at once (every page checks its articles).
/// </summary>
public sealed class LatestArticles(IFeedStore store, IOptions<FeedOptions> options, TimeProvider time)
{
    private readonly TimedCopy<IReadOnlyList<FeedEntry>> _copy = new(async ct =>
    {
        var entries = new List<FeedEntry>();
        if (options.Value.LatestCached == 0) return entries;
        await foreach (var entry in store.ReadAsync(FeedBox.Latest, long.MaxValue, options.Value.LatestCached, ct))
        {
            entries.Add(entry);
            if (entries.Count == options.Value.LatestCached) break;
        }
        return entries;
    }, () => options.Value.LatestLifetime, time);

    public async IAsyncEnumerable<FeedEntry> BeforeAsync(long beforeMs, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var copy = await _copy.GetAsync(ct);
        FeedEntry? tail = null;
        foreach (var entry in copy)
        {
            if (entry.PublishedAt < beforeMs) yield return entry;
            tail = entry;
        }
        // All there is, or the rest in the table after the last one kept.
        if (copy.Count < options.Value.LatestCached) yield break;
        var from = tail is null ? beforeMs : Math.Min(beforeMs, tail.PublishedAt + 1);
        await foreach (var entry in store.ReadAsync(FeedBox.Latest, from, pageSize, ct))
            if (tail is null || (entry.PublishedAt, entry.ArticleId).CompareTo((tail.PublishedAt, tail.ArticleId)) < 0)
                yield return entry;
    }
}
