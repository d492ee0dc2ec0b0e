using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Webook.Core.Common;

/// <summary>
/// Cache lookups by cache and result (hit, miss, error) on the meter <see cref="MeterName"/>, and the one way
/// the repositories read a cache: measured, and a cache that cannot answer is logged and taken as a miss.
/// </summary>
public sealed class CacheMetrics
{
    public const string MeterName = "Webook.Cache";

    public const string Profiles = "profile";
    public const string Drafts = "draft";
    public const string Published = "published";
    public const string ArticleLists = "article_list";
    public const string Counts = "counts";
    public const string ReaderStates = "reader_state";
    public const string HotList = "hot_list";
    public const string HotListCounts = "hot_list_counts";
    public const string CommentPages = "comment_page";

    private readonly Counter<long> _lookups;

    public CacheMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _lookups = meter.CreateCounter<long>("webook.cache.lookups", "{lookup}", "Cache reads by cache and result: hit, miss or error.");
    }

    public void Hit(string cache) => Record(cache, "hit");

    public void Miss(string cache) => Record(cache, "miss");

    /// <summary>The cache could not answer (down, slow): the store answered instead.</summary>
    public void Error(string cache) => Record(cache, "error");

    /// <summary>The cached value, or default (null) when the cache has none or cannot answer (logged, never thrown).</summary>
    public async Task<T> ReadAsync<T>(string cache, Func<Task<T>> read, ILogger logger)
    {
        try
        {
            var value = await read();
            Record(cache, value is null ? "miss" : "hit");
            return value;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Error(cache);
            logger.LogWarning(e, "The {Cache} cache could not be read; the store answers", cache);
            return default!;
        }
    }

    private void Record(string cache, string result) =>
        _lookups.Add(1, new KeyValuePair<string, object?>("cache", cache), new KeyValuePair<string, object?>("result", result));
}
