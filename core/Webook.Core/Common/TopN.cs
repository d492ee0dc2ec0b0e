namespace Webook.Core.Common;

/// <summary>
/// The greatest N items offered, by <paramref name="order"/>, in a min-heap of N: each offer costs O(log N)
/// and memory stays O(N) however many items pass.
/// </summary>
public sealed class TopN<T>(int size, IComparer<T> order)
{
    private readonly PriorityQueue<T, T> _heap = new(size, order);

    public void Offer(T item)
    {
        if (_heap.Count < size) _heap.Enqueue(item, item);
        else if (order.Compare(item, _heap.Peek()) > 0) _heap.DequeueEnqueue(item, item);
    }

    /// <summary>The kept items, greatest first.</summary>
    public List<T> Descending()
    {
        var items = _heap.UnorderedItems.Select(i => i.Element).ToList();
        items.Sort((a, b) => order.Compare(b, a));
        return items;
    }
}
