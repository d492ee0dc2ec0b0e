namespace Webook.Core.Interactions.Storage;

/// <summary>
/// The like and collect changes of each article waiting for its next transaction (group commit). The first change
/// that finds an article idle makes its caller the article's writer, which takes batches until the queue is empty;
/// changes that arrive meanwhile wait and go in the next batch together. A batch names each record at most once
/// (a like and an unlike of one user go in order, in two batches), and holds at most <c>maxBatch</c> changes.
/// </summary>
internal sealed class RecordChangeQueues
{
    private readonly Dictionary<string, List<RecordChange>> _waiting = new();
    private readonly Lock _gate = new();

    /// <summary>Queues <paramref name="change"/>; true when the caller is now the article's writer and must drain it.</summary>
    public bool Enqueue(RecordChange change)
    {
        lock (_gate)
        {
            if (_waiting.TryGetValue(change.Partition, out var queue))
            {
                queue.Add(change);
                return false;
            }
            _waiting[change.Partition] = [change];
            return true;
        }
    }

    /// <summary>
    /// The writer's next batch of <paramref name="partition"/>: the oldest waiting change of each record, oldest first.
    /// Empty when nothing waits, and the article is idle again (the next change makes a new writer).
    /// </summary>
    public List<RecordChange> TakeBatch(string partition, int maxBatch)
    {
        lock (_gate)
        {
            var queue = _waiting[partition];
            var batch = new List<RecordChange>(Math.Min(queue.Count, maxBatch));
            var rows = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < queue.Count && batch.Count < maxBatch; i++)
            {
                // A later change of a record taken already waits for the next batch; so does every change after it of that record.
                if (!rows.Add(queue[i].RecordRow)) continue;
                batch.Add(queue[i]);
            }
            var taken = batch.ToHashSet();
            queue.RemoveAll(taken.Contains);
            if (batch.Count == 0) _waiting.Remove(partition);
            return batch;
        }
    }

    /// <summary>Takes back a change its caller gave up on, if no batch has taken it yet: then it is never written.</summary>
    public bool Withdraw(RecordChange change)
    {
        lock (_gate) return _waiting.TryGetValue(change.Partition, out var queue) && queue.Remove(change);
    }
}

/// <summary>One like or collect to write: the record made present or absent, the count it moves, and its event (id, version and time still to fill).</summary>
internal sealed class RecordChange(string partition, string recordRow, bool present, Action<InteractionCountsEntity, long> count, InteractionEvent @event)
{
    private readonly TaskCompletionSource<InteractionCountsEntity?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Partition => partition;
    public string RecordRow => recordRow;
    public bool Present => present;
    public InteractionEvent Event => @event;

    /// <summary>The counts row after the transaction that wrote this change, or null when the record already was as asked.</summary>
    public Task<InteractionCountsEntity?> Done => _done.Task;

    public void Apply(InteractionCountsEntity counts) => count(counts, present ? 1 : -1);

    public void Succeed(InteractionCountsEntity? counts) => _done.TrySetResult(counts);

    public void Fail(Exception e) => _done.TrySetException(e);
}
