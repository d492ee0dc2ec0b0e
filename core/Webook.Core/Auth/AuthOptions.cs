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

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Tolerated clock difference between instances when checking expiry.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public string Issuer { get; set; } = "webook";
}
