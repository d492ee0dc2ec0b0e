using Microsoft.Extensions.Caching.Memory;

namespace Webook.Core.Common;

/// <summary>
/// A <see cref="MemoryCache"/> bounded by its number of entries rather than by <c>SizeLimit</c>. In the framework's
/// 10.0 cache the running size can drift negative when one key is set and removed at the same time, and from then
/// on a size-limited cache silently refuses every Set (dotnet/runtime#129186, fixed in 11.0): our caches see exactly
/// that churn (every reader of a key that just changed stores it again). The entry count is exact, so a cache at its
/// bound compacts a quarter of its entries (expired first, then the least recently used) before it adds one.
/// </summary>
public sealed class CountBoundedCache(int maxEntries) : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions());

    public int Count => _entries.Count;

    public bool TryGetValue<T>(string key, out T? value) => _entries.TryGetValue(key, out value);

    /// <summary>Keeps <paramref name="value"/> for <paramref name="lifetime"/>, or until it is pushed out when null.</summary>
    public void Set(string key, object value, TimeSpan? lifetime = null)
    {
        if (_entries.Count >= maxEntries) _entries.Compact(0.25);
        _entries.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime });
    }

    public void Remove(string key) => _entries.Remove(key);

    public void Clear() => _entries.Clear();

    public void Dispose() => _entries.Dispose();
}
