namespace Webook.Core.Interactions;

/// <summary>
/// A like or collect taken or given back, on Interactions:EventTopic keyed by the article:
/// <c>{id, type, articleId, articleAuthor, userId, version, at}</c>. <see cref="Type"/> is "like", "unlike", "collect"
/// or "uncollect" (one per collection). <see cref="Version"/> is the article's counts version the change wrote: it
/// grows with every transaction of the article, so a consumer can tell which of two events of one user came last
/// whatever order the outbox sends them in. <see cref="Id"/> names the change, the same however often it is sent.
/// <see cref="ArticleAuthor"/> is whom it concerns, or <see cref="NoOneElse"/> for a reader's own housekeeping (a move
/// between their collections, a collection deleted), which tells nobody anything.
/// </summary>
public sealed record InteractionEvent(string Id, string Type, long ArticleId, long ArticleAuthor, long UserId, long Version, long At)
{
    public const string Liked = "like";
    public const string Unliked = "unlike";
    public const string Collected = "collect";
    public const string Uncollected = "uncollect";
    public const long NoOneElse = 0;
}
