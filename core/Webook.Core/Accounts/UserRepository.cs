using Microsoft.Extensions.Logging;
using Webook.Core.Common;

namespace Webook.Core.Accounts;

/// <summary>Reads profiles cache-first; a cache failure is logged and the table answers instead.</summary>
public sealed class UserRepository(IUserStore store, IUserCache cache, CacheMetrics metrics, ILogger<UserRepository> logger) : IUserRepository
{
    public Task<User?> TryCreateAsync(User user, CancellationToken ct) => store.TryInsertAsync(user, ct);

    public Task<User?> FindByEmailAsync(string email, CancellationToken ct) => store.FindByEmailAsync(email, ct);

    public Task<User?> FindByPhoneAsync(string phone, CancellationToken ct) => store.FindByPhoneAsync(phone, ct);

    public async Task<User?> FindByIdAsync(long id, CancellationToken ct)
    {
        var cached = await metrics.ReadAsync(CacheMetrics.Profiles, () => cache.GetAsync(id, ct), logger);
        if (cached is not null) return cached;
        var user = await store.FindByIdAsync(id, ct);
        if (user is not null) await Quietly(() => cache.SetAsync(user, ct), "fill");
        return user;
    }

    public async Task<bool> UpdateProfileAsync(long id, ProfileEdit edit, DateTimeOffset at, CancellationToken ct)
    {
        var updated = await store.UpdateProfileAsync(id, edit, at, ct);
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
