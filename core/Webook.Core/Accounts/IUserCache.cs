namespace Webook.Core.Accounts;

/// <summary>Cached profiles by user id. Never holds password hashes.</summary>
public interface IUserCache
{
    Task<User?> GetAsync(long id, CancellationToken ct);
    Task SetAsync(User user, CancellationToken ct);
    Task RemoveAsync(long id, CancellationToken ct);
}
