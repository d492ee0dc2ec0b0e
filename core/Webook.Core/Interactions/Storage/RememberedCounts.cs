using Azure;
using Webook.Core.Common;

namespace Webook.Core.Interactions.Storage;

/// <summary>
/// The counts row of each article as this instance last wrote it (or read it to write it), with its ETag, so the
/// next change of that article can submit its ETag-conditional transaction without reading the row first: one
/// table call instead of two. Holds at most <c>Interactions:RememberedCounts</c> articles (the least recently used
/// go first); 0 keeps none, and every change reads first.
/// A remembered row is only a guess: the table's ETag condition decides. When another instance wrote the row
/// meanwhile the transaction fails (412), the caller reads and retries, and the article is no longer trusted:
/// its next change reads first, and whether the row read is the one remembered (nobody else wrote since) decides
/// whether the one after may skip the read again. So an article that instances take turns on costs what it cost
/// before (a read and a transaction), not a failed transaction more.
/// Callers hold the article's lock (<see cref="Common.KeyedLocks"/>): one writer per article at a time here.
/// </summary>
internal sealed class RememberedCounts : IDisposable
{
    private readonly CountBoundedCache? _rows;

    public RememberedCounts(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (capacity > 0) _rows = new CountBoundedCache(capacity);
    }

    /// <summary>The row to write against without reading it first, or null: read it.</summary>
    public InteractionCountsEntity? Trusted(string partition) =>
        _rows is not null && _rows.TryGetValue(partition, out Entry? entry) && entry!.Trusted ? entry.Row : null;

    /// <summary>
    /// After the row was read to write it: true when the next change may skip the read, because nothing is known
    /// about this article yet, or the row read is the one this instance wrote last (nobody else wrote since).
    /// </summary>
    public bool Confirms(string partition, InteractionCountsEntity? read)
    {
        if (_rows is null || !_rows.TryGetValue(partition, out Entry? entry)) return true;
        return entry!.Row is { } row && read is not null && row.ETag == read.ETag;
    }

    /// <summary>The row as this instance just wrote it; without an ETag (the service sent none) it is forgotten instead.</summary>
    public void Remember(string partition, InteractionCountsEntity written, bool trusted)
    {
        if (_rows is null) return;
        if (written.ETag == default)
        {
            Forget(partition);
            return;
        }
        _rows.Set(partition, new Entry(written, trusted));
    }

    /// <summary>A write against the remembered row failed its condition: another instance wrote it. Read first from now on.</summary>
    public void Distrust(string partition)
    {
        if (_rows is null) return;
        _rows.Set(partition, new Entry(null, false));
    }

    /// <summary>The outcome of a write is unknown (it failed, or timed out and may have landed): nothing is remembered.</summary>
    public void Forget(string partition) => _rows?.Remove(partition);

    public void Dispose() => _rows?.Dispose();

    private sealed record Entry(InteractionCountsEntity? Row, bool Trusted);
}
