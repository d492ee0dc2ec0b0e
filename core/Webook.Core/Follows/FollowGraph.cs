using Microsoft.Extensions.Options;
using Webook.Core.Common;

namespace Webook.Core.Follows;

/// <summary>
/// The follow changes, counts and checks, with this instance's copies of the counts and checks (read on every
/// profile a client shows); every change and every repair drops the copies it touched in every instance.
/// </summary>
public sealed class FollowGraph(IFollowStore store, LocalCacheTier local, FollowMetrics metrics, IOptions<FollowOptions> options)
{
    private sealed record Flag(bool Value);

    private static readonly Flag Yes = new(true), No = new(false);

    public async Task<bool> SetFollowAsync(long follower, long followee, bool follow, CancellationToken ct)
    {
        try
        {
            return await store.SetFollowAsync(follower, followee, follow, ct);
        }
        finally
        {
            // Also after a failure: the first write may have landed.
            Changed(follower, followee);
        }
    }

    public async Task<FollowCounts> GetCountsAsync(long userId, CancellationToken ct) =>
        (await local.GetOrReadAsync(CountsKey(userId), async () => (FollowCounts?)await store.GetCountsAsync(userId, ct)))!;

    public async Task<bool> IsFollowingAsync(long follower, long followee, CancellationToken ct) =>
        (await local.GetOrReadAsync(EdgeKey(follower, followee), async () => await store.IsFollowingAsync(follower, followee, ct) ? Yes : No))!.Value;

    /// <summary>The repair timer's run: completes the changes a crash left half done (intents older than Follows:RepairAfter).</summary>
    public async Task RepairAsync(CancellationToken ct)
    {
        var repaired = await store.RepairAsync(options.Value.RepairAfter, ct);
        foreach (var (follower, followee) in repaired) Changed(follower, followee);
        metrics.Repaired(repaired.Count);
    }

    private void Changed(long follower, long followee)
    {
        local.Invalidate(CountsKey(follower));
        local.Invalidate(CountsKey(followee));
        local.Invalidate(EdgeKey(follower, followee));
    }

    private static string CountsKey(long userId) => $"follows:counts:{userId}";
    private static string EdgeKey(long follower, long followee) => $"follows:edge:{follower}:{followee}";
}
