namespace Webook.Core.Accounts;

/// <summary>Users as the service sees them: the table store behind a profile cache.</summary>
public interface IUserRepository
{
    /// <summary>Stores a new user under a fresh id; null when the email is already taken.</summary>
    Task<User?> TryCreateAsync(User user, CancellationToken ct);
    Task<User?> FindByEmailAsync(string email, CancellationToken ct);
    Task<User?> FindByPhoneAsync(string phone, CancellationToken ct);
    Task<User?> FindByIdAsync(long id, CancellationToken ct);
    /// <summary>False when no such user exists.</summary>
    Task<bool> UpdateProfileAsync(long id, ProfileEdit edit, DateTimeOffset at, CancellationToken ct);
}
