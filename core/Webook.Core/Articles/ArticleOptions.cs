using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Articles;

public sealed class ArticleOptions
{
    public const string Section = "Articles";

    /// <summary>Private blob container of draft content.</summary>
    [Required]
    public string DraftContainer { get; set; } = "drafts";

    /// <summary>Cache-Control of published content blobs, which the CDN honours.</summary>
    public string PublishedCacheControl { get; set; } = "public, max-age=300";

    /// <summary>Base URL of the CDN in front of the content container; empty serves the blob URL itself.</summary>
    public Uri? CdnBaseUrl { get; set; }

    /// <summary>
    /// Conditional writes of one row per save: a save retries only when an older concurrent save landed
    /// first (a newer one supersedes it), so this bounds a loop that converges; if ever used up, the
    /// save answers code 4 "changed by another save".
    /// </summary>
    [Range(1, 100)]
    public int WriteAttempts { get; set; } = 10;

    /// <summary>NCRONTAB with seconds: when the sweep deletes content blobs that no row names (both hosts).</summary>
    [Required]
    public string SweepSchedule { get; set; } = "0 17 * * * *";

    /// <summary>The sweep keeps blobs younger than this, so saves in flight keep their blobs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan SweepGracePeriod { get; set; } = TimeSpan.FromHours(1);

    [Range(1, 100_000)]
    public int MaxTitleLength { get; set; } = 200;
    [Range(1, int.MaxValue)]
    public int MaxContentBytes { get; set; } = 1024 * 1024;
    [Range(1, 100_000)]
    public int AbstractLength { get; set; } = 128;

    /// <summary>How many of an author's newest articles the list cache holds (offset + limit within it are served from it).</summary>
    [Range(1, 10_000)]
    public int FirstPageSize { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan ListCacheLifetime { get; set; } = TimeSpan.FromMinutes(15);
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan DraftCacheLifetime { get; set; } = TimeSpan.FromMinutes(10);
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan PublishedCacheLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
