namespace Webook.Core.Interactions;

/// <summary>
/// What likes and collections need to know of articles, asked through this port so that Interactions does not depend
/// on Articles (which implements it): the author of an article readers can see (their like and collect events name
/// whom they concern), or null when readers cannot see it; answered without loading its content.
/// </summary>
public interface IPublishedArticles
{
    Task<long?> PublishedAuthorAsync(long articleId, CancellationToken ct);
}
