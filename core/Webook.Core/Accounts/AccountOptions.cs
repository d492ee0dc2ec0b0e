using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Accounts;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan ProfileCacheLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>PBKDF2 (HMAC-SHA512) iterations for new password hashes.</summary>
    [Range(1, int.MaxValue)]
    public int PasswordHashIterations { get; set; } = 100_000;
}
