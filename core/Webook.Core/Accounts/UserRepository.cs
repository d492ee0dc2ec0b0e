using Microsoft.Extensions.Logging;

namespace Webook.Core.Accounts;

/// <summary>Reads profiles cache-first; a cache failure is logged and the table answers instead.</summary>
public sealed class UserRepository(IUserStore store, IUserCache cache, ILogger<UserRepository> logger) : IUserRepository
{
    public Task<User?> TryCreateAsync(User user, CancellationToken ct) => store.TryInsertAsync(user, ct);

    public Task<User?> FindByEmailAsync(string email, CancellationToken ct) => store.FindByEmailAsync(email, ct);

    public Task<User?> FindByPhoneAsync(string phone, CancellationToken ct) => store.FindByPhoneAsync(phone, ct);

    public async Task<User?> FindByIdAsync(long id, CancellationToken ct)
    {
        var cached = await TryCache(() => cache.GetAsync(id, ct), "read");
        if (cached is not null) return cached;
        var user = await store.FindByIdAsync(id, ct);
        if (user is not null) await TryCache(async () => { await cache.SetAsync(user, ct); return user; }, "fill");
        return user;
    }

    public async Task<bool> UpdateProfileAsync(long id, ProfileEdit edit, DateTimeOffset at, CancellationToken ct)
    {
        var updated = await store.UpdateProfileAsync(id, edit, at, ct);
        // If this delete fails the old profile can be served until the cache lifetime ends.
        await TryCache(async () => { await cache.RemoveAsync(id, ct); return null; }, "invalidate");
        return updated;
    }

    private async Task<User?> TryCache(Func<Task<User?>> operation, string what)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Profile cache {Operation} failed", what);
            return null;
        }
    }
}
