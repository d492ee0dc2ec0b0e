using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Auth;

public sealed class AuthOptions : IValidatableObject
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

    /// <summary>
    /// How long this instance answers session checks from its own copy of the logouts after its last heartbeat came
    /// back through Redis; the most a logout can take to reach every instance. Zero: every check asks Redis.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RevocationMaxSilence { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often this instance sends itself a heartbeat through the revocation channel.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RevocationHeartbeat { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the copy of the logouts is read again from Redis whole, whatever the channel said.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RevocationResync { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Access tokens whose signature and claims this instance has checked, kept (keyed by the whole token) until they
    /// expire so the next request with the same token skips the signature and parsing; expiry, the User-Agent and the
    /// logout check are still checked on every request. 0 checks every token in full.
    /// </summary>
    [Range(0, 10_000_000)]
    public int ValidatedTokens { get; set; } = 100_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RevocationMaxSilence > TimeSpan.Zero && RevocationHeartbeat >= RevocationMaxSilence)
            yield return new ValidationResult("Auth:RevocationHeartbeat must be shorter than Auth:RevocationMaxSilence, or no heartbeat could ever be young enough.",
                [nameof(RevocationHeartbeat), nameof(RevocationMaxSilence)]);
    }
}
