namespace Webook.Core.Articles;

public sealed class ArticleOptions
{
    public const string Section = "Articles";

    /// <summary>Private blob container of draft content.</summary>
    public string DraftContainer { get; set; } = "drafts";

    /// <summary>Cache-Control of published content blobs, which the CDN honours.</summary>
    public string PublishedCacheControl { get; set; } = "public, max-age=300";

    /// <summary>Base URL of the CDN in front of the content container; empty serves the blob URL itself.</summary>
    public Uri? CdnBaseUrl { get; set; }

    /// <summary>
    /// Tries of one save when other saves of the same article win the race: each round has a winner, so
    /// this many concurrent writers of one article all succeed.
    /// </summary>
    public int WriteAttempts { get; set; } = 10;

    public int MaxTitleLength { get; set; } = 200;
    public int MaxContentBytes { get; set; } = 1024 * 1024;
    public int AbstractLength { get; set; } = 128;

    /// <summary>How many of an author's newest articles the list cache holds (offset + limit within it are served from it).</summary>
    public int FirstPageSize { get; set; } = 100;

    public TimeSpan ListCacheLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan DraftCacheLifetime { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan PublishedCacheLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
