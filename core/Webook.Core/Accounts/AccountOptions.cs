namespace Webook.Core.Accounts;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    public TimeSpan ProfileCacheLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>PBKDF2 (HMAC-SHA512) iterations for new password hashes.</summary>
    public int PasswordHashIterations { get; set; } = 100_000;
}
