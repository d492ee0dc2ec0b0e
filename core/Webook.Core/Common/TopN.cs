namespace Webook.Core.Common;

/// <summary>
/// The greatest N items offered. Items are ordered by <paramref name="score"/> first and by
/// <paramref name="order"/> only when two scores are equal (<paramref name="order"/> must agree with the score).
/// Accepted items collect in a buffer of 2N that is cut back to the best N when full, so memory stays O(N)
/// however many items pass; an item not above the least of the last cut is refused after one comparison of
/// doubles, and even increasing scores (where every item is accepted, a heap's worst case) cost a few
/// comparisons per item: each cut is a quickselect over the buffer, O(N) for N accepted items.
/// </summary>
public sealed class TopN<T>
{
    private readonly int _size;
    private readonly Func<T, double> _score;
    private readonly RankedOrder _descending;
    private readonly Ranked[] _buffer;
    private int _count;
    private Ranked? _least;

    public TopN(int size, Func<T, double> score, IComparer<T> order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        _size = size;
        _score = score;
        _descending = new RankedOrder(order);
        _buffer = new Ranked[2 * size];
    }

    public void Offer(T item)
    {
        if (_size == 0) return;
        var ranked = new Ranked(_score(item), item);
        if (_least is { } least && _descending.Compare(ranked, least) >= 0) return;
        _buffer[_count++] = ranked;
        if (_count == _buffer.Length) Cut();
    }

    /// <summary>The kept items, greatest first.</summary>
    public List<T> Descending()
    {
        Cut();
        Array.Sort(_buffer, 0, _count, _descending);
        var items = new List<T>(_count);
        for (var i = 0; i < _count; i++) items.Add(_buffer[i].Item);
        return items;
    }

    // Moves the best N to the front (in no order) and forgets the rest: quickselect, O(buffer) per cut.
    private void Cut()
    {
        if (_count > _size) Select(0, _count - 1, _size);
        _count = Math.Min(_count, _size);
        Array.Clear(_buffer, _count, _buffer.Length - _count);
        if (_count == _size && _size > 0) _least = Least();
    }

    private Ranked Least()
    {
        var least = _buffer[0];
        for (var i = 1; i < _count; i++)
            if (_descending.Compare(_buffer[i], least) > 0) least = _buffer[i];
        return least;
    }

    // Hoare's selection with a middle pivot: afterwards the first k slots of [left, right] hold its k greatest.
    private void Select(int left, int right, int k)
    {
        while (left < right)
        {
            var pivot = _buffer[left + (right - left) / 2];
            int i = left, j = right;
            while (i <= j)
            {
                while (_descending.Compare(_buffer[i], pivot) < 0) i++;
                while (_descending.Compare(_buffer[j], pivot) > 0) j--;
                if (i > j) break;
                (_buffer[i], _buffer[j]) = (_buffer[j], _buffer[i]);
                i++;
                j--;
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return;
        }
    }

    private readonly record struct Ranked(double Score, T Item);

    /// <summary>Greatest first: the higher score, and on equal scores what <c>order</c> puts higher.</summary>
    private sealed class RankedOrder(IComparer<T> order) : IComparer<Ranked>
    {
        public int Compare(Ranked a, Ranked b)
        {
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : order.Compare(b.Item, a.Item);
        }
    }
}
