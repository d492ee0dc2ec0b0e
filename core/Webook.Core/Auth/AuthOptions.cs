using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HMAC-SHA256 key for access tokens; at least 32 characters. No default: it is a secret.</summary>
    [Required, MinLength(32)]
    public string AccessTokenKey { get; set; } = "";

    /// <summary>A different key for refresh tokens, so one kind can never pass for the other.</summary>
    [Required, MinLength(32)]
    public string RefreshTokenKey { get; set; } = "";

    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Tolerated clock difference between instances when checking expiry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    [Required]
    public string Issuer { get; set; } = "webook";
}
