namespace Webook.Core.Ranking;

/// <summary>
/// What the hot list needs of articles, asked through this port so that Ranking does not depend on Articles (which
/// implements it): the published articles last updated at or after a time, a page (one table call) at a time, and
/// the titles of a few.
/// </summary>
public interface IRecentlyPublished
{
    IAsyncEnumerable<IReadOnlyList<PublishedStamp>> SinceAsync(DateTimeOffset since, int pageSize, CancellationToken ct);

    /// <summary>These articles as published now (one point read each, at most <paramref name="concurrency"/> at a time); the unpublished are left out.</summary>
    Task<IReadOnlyList<PublishedSummary>> FindAsync(IReadOnlyCollection<long> ids, int concurrency, CancellationToken ct);
}
