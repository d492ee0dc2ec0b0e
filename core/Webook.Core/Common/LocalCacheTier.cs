using Microsoft.Extensions.Options;

namespace Webook.Core.Common;

/// <summary>
/// In-process copies in front of the shared Redis cache, for values read on most requests (published articles,
/// profiles). A change drops the copy here at once and, through <see cref="IInvalidationBus"/>, in every other
/// instance. A read that raced with a change never keeps what it read: each key's generation is taken before the
/// shared read and checked again after the copy is stored.
/// </summary>
public sealed class LocalCacheTier : IDisposable
{
    private const int Stripes = 1024;

    private readonly IInvalidationBus _bus;
    private readonly TimeSpan _lifetime;
    private readonly CountBoundedCache _copies;
    private readonly long[] _generations = new long[Stripes];
    private long _epoch;
    private int _listening;

    public LocalCacheTier(IInvalidationBus bus, IOptions<LocalCacheOptions> options)
    {
        _bus = bus;
        _lifetime = options.Value.Lifetime;
        _copies = new CountBoundedCache(options.Value.MaxEntries);
    }

    private bool Enabled => _lifetime > TimeSpan.Zero;

    /// <summary>This instance's copy, else what <paramref name="read"/> answers (kept as the copy unless the key changed meanwhile).</summary>
    public async Task<T?> GetOrReadAsync<T>(string key, Func<Task<T?>> read) where T : class
    {
        if (!Enabled) return await read();
        ListenOnce();
        if (_copies.TryGetValue(key, out T? copy)) return copy;

        var before = GenerationOf(key);
        var value = await read();
        if (value is null || !_bus.IsListening || GenerationOf(key) != before) return value;
        _copies.Set(key, value, _lifetime);
        // A change announced between the check above and the store must not leave the copy behind.
        if (GenerationOf(key) != before) _copies.Remove(key);
        return value;
    }

    /// <summary>The value behind <paramref name="key"/> changed: every instance drops its copy.</summary>
    public void Invalidate(string key)
    {
        if (!Enabled) return;
        Drop(key);
        _bus.Publish(key);
    }

    private void ListenOnce()
    {
        if (Interlocked.Exchange(ref _listening, 1) == 0) _bus.Listen(Drop, DropAll);
    }

    private void Drop(string key)
    {
        Interlocked.Increment(ref _generations[Stripe(key)]);
        _copies.Remove(key);
    }

    private void DropAll()
    {
        Interlocked.Increment(ref _epoch);
        _copies.Clear();
    }

    private long GenerationOf(string key) => Volatile.Read(ref _generations[Stripe(key)]) + Volatile.Read(ref _epoch);

    private static int Stripe(string key) => (int)((uint)key.GetHashCode() % Stripes);

    public void Dispose() => _copies.Dispose();
}
