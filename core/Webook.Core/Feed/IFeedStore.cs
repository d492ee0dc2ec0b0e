namespace Webook.Core.Feed;

/// <summary>An article in a feed: where it stands is <see cref="PublishedAt"/> (Unix ms), then the id, newest first.</summary>
public sealed record FeedEntry(long ArticleId, long AuthorId, long PublishedAt);

/// <summary>
/// One list of <see cref="FeedEntry"/>s, newest first: a reader's inbox (what was pushed to them), an author's own
/// articles (read by their followers when the author is pulled, and copied into a new follower's inbox), or the latest
/// articles of everyone.
/// </summary>
public readonly record struct FeedBox(string Partition)
{
    public static FeedBox Inbox(long reader) => new($"inbox-{reader}");
    public static FeedBox Author(long author) => new($"author-{author}");
    public static readonly FeedBox Latest = new("latest");
}

/// <summary>
/// The feed lists. Writes are upserts and deletes of whole entries, so an event applied again changes nothing; reads
/// page newest first from a time.
/// </summary>
public interface IFeedStore
{
    Task PutAsync(FeedBox box, IReadOnlyList<FeedEntry> entries, CancellationToken ct);

    /// <summary>Removes those entries; one that is not there is no error.</summary>
    Task RemoveAsync(FeedBox box, IReadOnlyList<FeedEntry> entries, CancellationToken ct);

    /// <summary>Removes a reader's entries of one author (an unfollow).</summary>
    Task RemoveAuthorAsync(long reader, long author, CancellationToken ct);

    /// <summary>Entries published before <paramref name="beforeMs"/>, newest first, read a page of <paramref name="pageSize"/> at a time.</summary>
    IAsyncEnumerable<FeedEntry> ReadAsync(FeedBox box, long beforeMs, int pageSize, CancellationToken ct);

    /// <summary>Authors pulled rather than pushed (once above Feed:PushThreshold, for good).</summary>
    Task<IReadOnlySet<long>> PulledAuthorsAsync(CancellationToken ct);

    Task<bool> IsPulledAsync(long author, CancellationToken ct);

    Task MarkPulledAsync(long author, CancellationToken ct);
}
