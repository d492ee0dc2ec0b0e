namespace Webook.Core.Articles;

public enum ArticleStatus
{
    /// <summary>A draft, or edited since it was last published.</summary>
    Unpublished = 1,
    Published = 2,
    /// <summary>Withdrawn: invisible to readers.</summary>
    Private = 3,
}

/// <summary>An article as its author sees it (the draft) or as readers see it (the published copy).</summary>
public sealed record Article
{
    public long Id { get; init; }
    public long AuthorId { get; init; }
    public string Title { get; init; } = "";
    public string Content { get; init; } = "";
    public string Abstract { get; init; } = "";
    public ArticleStatus Status { get; init; }
    /// <summary>Grows with every save; the published copy carries the version it was published from.</summary>
    public long Version { get; init; }
    /// <summary>Where readers fetch the published content (published copies only).</summary>
    public Uri? ContentUrl { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>An author's list entry: no content.</summary>
public sealed record ArticleSummary(long Id, string Title, string Abstract, ArticleStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
