using Webook.Core.Interactions;

namespace Webook.Core.Ranking;

/// <summary>
/// What changed for the hot list, in one numbered sequence: every article whose counts or comment count changed (with
/// the counts, kept per article at their highest version) and every article published, republished or withdrawn. The job reads what
/// came after the number it last saw, and trims what it has read; the epoch changes when the journal was lost, and
/// then only a rebuild is exact.
/// </summary>
public interface IHotListJournal
{
    /// <summary>An article was published, republished or withdrawn: its published row changed. Does not wait.</summary>
    void ArticleChanged(long articleId);

    /// <summary>The changes numbered after <paramref name="after"/> (none when null), and the journal's state.</summary>
    Task<HotListChanges> ReadAsync(long? after, CancellationToken ct);

    /// <summary>The mirrored counts of these articles, each part null where the mirror has none.</summary>
    Task<MirroredTally[]> CountsAsync(IReadOnlyList<long> articleIds, CancellationToken ct);

    /// <summary>Forgets the changes numbered up to <paramref name="through"/>; a reader that saw less must rebuild.</summary>
    Task TrimAsync(long through, CancellationToken ct);
}

/// <summary>An article's likes and reads as the mirror holds them.</summary>
public readonly record struct MirroredCounts(long Version, long Likes, long Reads);

/// <summary>An article's comment count as the mirror holds it.</summary>
public readonly record struct MirroredComments(long Version, long Count);

/// <summary>What the mirror holds of one article: its likes and reads, and its comments, each versioned on its own.</summary>
public readonly record struct MirroredTally(MirroredCounts? Counts, MirroredComments? Comments);

/// <param name="Epoch">Names this journal; a new one means the old was lost.</param>
/// <param name="Sequence">The number of the last change.</param>
/// <param name="TrimmedThrough">Changes up to this number are forgotten.</param>
/// <param name="Articles">Articles whose published row changed.</param>
/// <param name="Counts">Articles whose likes, reads or comments changed.</param>
public sealed record HotListChanges(string Epoch, long Sequence, long TrimmedThrough, IReadOnlyList<long> Articles, IReadOnlyList<long> Counts);
