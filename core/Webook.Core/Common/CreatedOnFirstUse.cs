using System.Collections.Concurrent;

namespace Webook.Core.Common;

/// <summary>
/// One value per key, created by the first caller that needs it and shared by the rest; a failed creation
/// is forgotten so the next caller tries again (storage may be down when the app starts).
/// </summary>
public sealed class CreatedOnFirstUse<T>(Func<string, Task<T>> create)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _values = new();

    public async Task<T> GetAsync(string key, CancellationToken ct)
    {
        var lazy = _values.GetOrAdd(key, k => new Lazy<Task<T>>(() => create(k)));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _values.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, lazy));
            throw;
        }
    }
}
