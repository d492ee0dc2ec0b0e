namespace Webook.Core.Ranking;

/// <summary>
/// What the hot list needs of articles, asked through this port so that Ranking does not depend on Articles (which
/// implements it): the published articles last updated at or after a time, a page at a time, without content.
/// </summary>
public interface IRecentlyPublished
{
    IAsyncEnumerable<IReadOnlyList<PublishedSummary>> SinceAsync(DateTimeOffset since, int pageSize, CancellationToken ct);
}
