using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Webook.Core.Common;

namespace Webook.Core.Storage.Tables;

/// <summary>
/// The count row of each partition (an article's counts, a user's follows) as this instance last wrote it (or read
/// it to write it), with its ETag, so the next change of that partition can submit its ETag-conditional transaction
/// without reading the row first: one table call fewer. Holds at most <c>capacity</c> partitions
/// (<c>Interactions:RememberedCounts</c>, <c>Follows:RememberedCounts</c>); 0 keeps none, and every change reads first.
/// A remembered row is only a guess: the table's ETag condition decides. When another instance wrote the row
/// meanwhile the transaction fails (412), the caller reads and retries, and the article is no longer trusted:
/// its next change reads first, and whether the row read is the one remembered (nobody else wrote since) decides
/// whether the one after may skip the read again. So an article that instances take turns on costs what it cost
/// before (a read and a transaction), not a failed transaction more.
/// Callers hold the article's lock (<see cref="Common.KeyedLocks"/>): one writer per partition at a time here.
/// </summary>
public sealed class RememberedRows<TRow> : IDisposable where TRow : class, ITableEntity
{
    private readonly CountBoundedCache? _rows;

    public RememberedRows(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (capacity > 0) _rows = new CountBoundedCache(capacity);
    }

    /// <summary>The row to write against without reading it first, or null: read it.</summary>
    public TRow? Trusted(string partition) =>
        _rows is not null && _rows.TryGetValue(partition, out Entry? entry) && entry!.Trusted ? entry.Row : null;

    /// <summary>
    /// After the row was read to write it: true when the next change may skip the read, because nothing is known
    /// about this article yet, or the row read is the one this instance wrote last (nobody else wrote since).
    /// </summary>
    public bool Confirms(string partition, TRow? read)
    {
        if (_rows is null || !_rows.TryGetValue(partition, out Entry? entry)) return true;
        return entry!.Row is { } row && read is not null && row.ETag == read.ETag;
    }

    /// <summary>The row as this instance just wrote it; without an ETag (the service sent none) it is forgotten instead.</summary>
    public void Remember(string partition, TRow written, bool trusted)
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

    private sealed record Entry(TRow? Row, bool Trusted);

    /// <summary>One change's use of the partition's row: read it or take the trusted copy, write, remember the outcome.</summary>
    public Change For(TableClient table, string partition, Func<CancellationToken, Task<TRow?>> read) => new(this, table, partition, read);

    /// <summary>
    /// The row a change writes against: the trusted remembered one, or read (and whether the read confirms what was
    /// remembered); after the transaction, the row this instance wrote is remembered. A transaction whose outcome is
    /// unknown (a timeout: it may have landed) forgets the partition.
    /// </summary>
    public sealed class Change(RememberedRows<TRow> rows, TableClient table, string partition, Func<CancellationToken, Task<TRow?>> read)
    {
        private bool _fromMemory;
        private bool _confirmed;

        public async Task<TRow?> CurrentAsync(CancellationToken ct)
        {
            var remembered = rows.Trusted(partition);
            _fromMemory = remembered is not null;
            if (_fromMemory) return remembered;
            var current = await read(ct);
            _confirmed = rows.Confirms(partition, current);
            return current;
        }

        public async Task<Response<IReadOnlyList<Response>>> SubmitAsync(IEnumerable<TableTransactionAction> actions, CancellationToken ct)
        {
            try
            {
                return await table.SubmitTransactionAsync(actions, ct);
            }
            catch (Exception e) when (e is not TableTransactionFailedException { Status: StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound })
            {
                // Refused as a whole (those three) the caller finds out why; anything else may have landed.
                rows.Forget(partition);
                throw;
            }
        }

        /// <summary>Remembers <paramref name="next"/> with the ETag the service gave the row's action.</summary>
        public void Written(TRow next, Response<IReadOnlyList<Response>> responses, int rowAction)
        {
            next.ETag = responses.Value.Count > rowAction ? responses.Value[rowAction].Headers.ETag ?? default : default;
            rows.Remember(partition, next, trusted: _fromMemory || _confirmed);
        }

        /// <summary>
        /// The transaction failed on the row: another writer changed (or created) it. Read first from now on; true
        /// when the row was the remembered one, so the failure says nothing about a race in progress.
        /// </summary>
        public bool Moved()
        {
            rows.Distrust(partition);
            return _fromMemory;
        }
    }
}
