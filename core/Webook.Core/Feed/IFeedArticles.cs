namespace Webook.Core.Feed;

/// <summary>What a feed shows of a published article; <see cref="PublishedAt"/> (Unix ms) as in <see cref="ArticleEvent"/>.</summary>
public sealed record FeedArticle(long Id, long AuthorId, string Title, string Abstract, long PublishedAt);

/// <summary>
/// The published articles a feed names, asked through this port so that Feed does not depend on Articles (which
/// implements it): only those published now, in the publication the feed's row names.
/// </summary>
public interface IFeedArticles
{
    Task<IReadOnlyList<FeedArticle>> PublishedAsync(IReadOnlyCollection<long> ids, CancellationToken ct);
}
