namespace Webook.Core.Common;

/// <summary>
/// A value this instance keeps for a lifetime and then reads again, by one caller at a time (the others wait for it
/// and take what it read).
/// </summary>
public sealed class TimedCopy<T>(Func<CancellationToken, Task<T>> read, Func<TimeSpan> lifetime, TimeProvider time) where T : class
{
    private sealed record Copy(T Value, DateTimeOffset ReadAt);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile Copy? _copy;

    public async Task<T> GetAsync(CancellationToken ct)
    {
        if (Fresh() is { } fresh) return fresh;
        await _reading.WaitAsync(ct);
        try
        {
            if (Fresh() is { } again) return again;
            var readAt = time.GetUtcNow();
            return (_copy = new Copy(await read(ct), readAt)).Value;
        }
        finally
        {
            _reading.Release();
        }
    }

    private T? Fresh() => _copy is { } copy && time.GetUtcNow() - copy.ReadAt < lifetime() ? copy.Value : null;
}
