namespace Webook.Core.Interactions;

/// <summary>
/// What likes and collections need to know of articles, asked through this port so that Interactions does not depend
/// on Articles (which implements it): whether readers can see an article, answered without loading its content.
/// </summary>
public interface IPublishedArticles
{
    Task<bool> IsPublishedAsync(long articleId, CancellationToken ct);
}
