using Microsoft.Extensions.Logging;
using Webook.Core.Common;

namespace Webook.Core.Accounts;

/// <summary>
/// Profiles by user id, cache-first (the profile page, and authors' names on articles and the hot list); an edit drops
/// the cached copy. A cache failure is logged and the table answers instead.
/// </summary>
public sealed class UserProfiles(IUserStore store, IUserCache cache, CacheMetrics metrics, TimeProvider time, ILogger<UserProfiles> logger)
{
    public async Task<User?> FindByIdAsync(long id, CancellationToken ct)
    {
        var cached = await metrics.ReadAsync(CacheMetrics.Profiles, () => cache.GetAsync(id, ct), logger);
        if (cached is not null) return cached;
        var user = await store.FindByIdAsync(id, ct);
        if (user is not null) await Quietly(() => cache.SetAsync(user, ct), "fill");
        return user;
    }

    /// <summary>Stamps the edit with the current time; false when no such user exists.</summary>
    public async Task<bool> UpdateAsync(long id, ProfileEdit edit, CancellationToken ct)
    {
        var updated = await store.UpdateProfileAsync(id, edit, time.GetUtcNow(), ct);
        // If this delete fails the old profile can be served until the cache lifetime ends.
        await Quietly(() => cache.RemoveAsync(id, ct), "invalidate");
        return updated;
    }

    private async Task Quietly(Func<Task> operation, string what)
    {
        try
        {
            await operation();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Profile cache {Operation} failed", what);
        }
    }
}
