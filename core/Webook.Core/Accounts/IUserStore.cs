namespace Webook.Core.Accounts;

/// <summary>The users' data of record. Uniqueness of email is enforced here, by storage.</summary>
public interface IUserStore
{
    Task<User?> TryInsertAsync(User user, CancellationToken ct);
    Task<User?> FindByEmailAsync(string email, CancellationToken ct);
    Task<User?> FindByPhoneAsync(string phone, CancellationToken ct);
    /// <summary>The user of this WeChat identity: by unionid when given, else by openid.</summary>
    Task<User?> FindByWeChatAsync(string openId, string? unionId, CancellationToken ct);
    Task<User?> FindByIdAsync(long id, CancellationToken ct);
    Task<bool> UpdateProfileAsync(long id, ProfileEdit edit, DateTimeOffset at, CancellationToken ct);
}
