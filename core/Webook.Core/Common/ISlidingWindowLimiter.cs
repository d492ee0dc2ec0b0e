namespace Webook.Core.Common;

/// <summary>
/// At most <paramref name="Limit"/> events in any <paramref name="Window"/>; and, when <paramref name="MinSpacing"/> is
/// positive, no new event sooner than that after the newest one still in the window (an empty window never waits).
/// </summary>
public sealed record WindowLimit(int Limit, TimeSpan Window, TimeSpan MinSpacing = default);

/// <summary>Counts events per key in a sliding window shared by every instance.</summary>
public interface ISlidingWindowLimiter
{
    /// <summary>Counts one event under <paramref name="key"/> when it fits in <paramref name="limit"/>: its id, or null when the window is full.</summary>
    Task<string?> TryAcquireAsync(string key, WindowLimit limit, CancellationToken ct);

    /// <summary>Uncounts an event, as if it had not happened (a login that succeeded is no failure).</summary>
    Task ReleaseAsync(string key, string eventId, CancellationToken ct);

    /// <summary>The events under <paramref name="key"/> in the last <paramref name="window"/>, without counting one.</summary>
    Task<int> CountAsync(string key, TimeSpan window, CancellationToken ct);
}
