namespace Webook.Core.Interactions;

/// <summary>
/// An article's counts as the table holds them after its <paramref name="Version"/>-th change; the cache
/// keeps the newest version it has seen, so it only ever holds numbers the table once held.
/// </summary>
public sealed record InteractionCounts(long ArticleId, long Version, long Reads, long Likes, long Collects)
{
    public static InteractionCounts None(long articleId) => new(articleId, 0, 0, 0, 0);
}

/// <summary>Whether one user likes the article and has it in any collection.</summary>
public readonly record struct UserInteraction(bool Liked, bool Collected);

/// <summary>Where one read event sat in its topic: the key of at-least-once delivery done once.</summary>
public readonly record struct EventPosition(string Topic, int Partition, long Offset);
