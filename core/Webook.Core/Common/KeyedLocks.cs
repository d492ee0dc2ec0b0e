namespace Webook.Core.Common;

/// <summary>
/// Mutual exclusion per key inside this process, over a fixed set of stripes (two keys may share one):
/// writers of one row queue here instead of failing each other's ETag conditions.
/// </summary>
public sealed class KeyedLocks(int stripes = 1024)
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> EnterAsync(string key, CancellationToken ct)
    {
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length];
        await stripe.WaitAsync(ct);
        return new Held(stripe);
    }

    private sealed class Held(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) stripe.Release();
        }
    }
}
