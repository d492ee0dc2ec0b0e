using Microsoft.AspNetCore.Identity;

namespace Webook.Core.Accounts;

/// <summary>A login's outcome: the user, or why not.</summary>
public sealed record LoginResult(User? User, bool Throttled = false)
{
    public static readonly LoginResult WrongCredentials = new(User: null);
    public static readonly LoginResult TooManyFailures = new(User: null, Throttled: true);
}

/// <summary>The account rules: signup with a unique email, login by password, the phone's account on SMS login.</summary>
public sealed class UserService(IUserStore users, IPasswordHasher<User> hasher, LoginThrottle throttle, TimeProvider time)
{
    // Verified against when the email is unknown, so both failures cost the same time.
    private readonly Lazy<string> _decoyHash = new(() => hasher.HashPassword(new User(), Guid.NewGuid().ToString()));

    /// <summary>The new user, or null when the email is already taken.</summary>
    public Task<User?> SignupAsync(string email, string password, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var user = new User { Email = email, CreatedAt = now, UpdatedAt = now };
        return users.TryInsertAsync(user with { PasswordHash = hasher.HashPassword(user, password) }, ct);
    }

    /// <summary>
    /// The user; or, alike for an unknown email and a wrong password, no user; or a refusal when the
    /// account or the client has too many recent failures, decided before any hash is computed.
    /// </summary>
    public async Task<LoginResult> LoginAsync(string email, string password, string clientAddress, CancellationToken ct)
    {
        var attempt = await throttle.TryBeginAsync(email, clientAddress, ct);
        if (attempt is null) return LoginResult.TooManyFailures;

        var user = await users.FindByEmailAsync(email, ct);
        var hash = user?.PasswordHash ?? _decoyHash.Value;
        var verdict = hasher.VerifyHashedPassword(user ?? new User(), hash, password);
        if (user?.PasswordHash is null || verdict == PasswordVerificationResult.Failed) return LoginResult.WrongCredentials;

        await throttle.SucceededAsync(attempt, ct);
        return new LoginResult(user);
    }

    /// <summary>
    /// The user of this WeChat identity, created on first use: the index row's insert decides, so parallel first
    /// logins of one person make one account. Never merged with an email or phone account.
    /// </summary>
    public async Task<User> FindOrCreateByWeChatAsync(string openId, string? unionId, CancellationToken ct)
    {
        var existing = await users.FindByWeChatAsync(openId, unionId, ct);
        if (existing is not null) return existing;
        var now = time.GetUtcNow();
        return await users.TryInsertAsync(new User { WeChatOpenId = openId, WeChatUnionId = unionId, CreatedAt = now, UpdatedAt = now }, ct)
               ?? await users.FindByWeChatAsync(openId, unionId, ct)
               ?? throw new InvalidOperationException("The WeChat identity's index row exists but its user cannot be read.");
    }

    /// <summary>The user with this phone, created on first use. Insert-first: a conflict means another request created it.</summary>
    public async Task<User> FindOrCreateByPhoneAsync(string phone, CancellationToken ct)
    {
        var existing = await users.FindByPhoneAsync(phone, ct);
        if (existing is not null) return existing;
        var now = time.GetUtcNow();
        return await users.TryInsertAsync(new User { Phone = phone, CreatedAt = now, UpdatedAt = now }, ct)
               ?? await users.FindByPhoneAsync(phone, ct)
               ?? throw new InvalidOperationException("The phone's index row exists but its user cannot be read.");
    }
}
