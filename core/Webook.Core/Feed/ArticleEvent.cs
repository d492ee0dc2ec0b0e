namespace Webook.Core.Feed;

/// <summary>
/// An article published (also again, after an edit) or withdrawn, on Feed:ArticleEventTopic keyed by the author:
/// <c>{id, type, articleId, authorId, publishedAt, at}</c>. <see cref="PublishedAt"/> (Unix ms) is when this
/// publication began: the article's place in every feed, the same for every later publish of it until it is
/// withdrawn; a withdrawal names the publication it ends. Sent by Articles from the outbox row of the published row's
/// own transaction; <see cref="Id"/> names the change, the same however often it is sent.
/// </summary>
public sealed record ArticleEvent(string Id, string Type, long ArticleId, long AuthorId, long PublishedAt, long At)
{
    public const string Published = "publish";
    public const string Withdrawn = "withdraw";
}
