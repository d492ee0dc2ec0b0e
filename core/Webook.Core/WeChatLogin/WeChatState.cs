using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Webook.Core.WeChatLogin;

/// <summary>
/// The OAuth state of one login: 128 random bits, given to WeChat in the URL and kept by the browser as an HS256 JWT
/// (cookie jwt-state) that expires after WeChat:StateLifetime. The callback is genuine only when the cookie's signature
/// and expiry hold and its state equals the one WeChat sent back (compared in constant time).
/// </summary>
public sealed class WeChatState(IOptions<WeChatLoginOptions> options, TimeProvider time)
{
    public const string CookieName = "jwt-state";
    private const string StateClaim = "state";
    private const string Audience = "wechat-state";
    private const string Issuer = "webook";
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>A new state and its signed cookie value.</summary>
    public (string State, string Token) Issue()
    {
        var state = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow().UtcDateTime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = Audience, IssuedAt = now, NotBefore = now, Expires = now + options.Value.StateLifetime,
            Claims = new Dictionary<string, object> { [StateClaim] = state },
            SigningCredentials = new SigningCredentials(Key(), SecurityAlgorithms.HmacSha256),
        });
        return (state, token);
    }

    /// <summary>Whether <paramref name="token"/> is a cookie this app signed, not expired, for <paramref name="state"/>.</summary>
    public async Task<bool> MatchesAsync(string? token, string? state)
    {
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(state)) return false;
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer, ValidAudience = Audience, IssuerSigningKey = Key(), ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) => time.GetUtcNow().UtcDateTime is var now && now >= notBefore && now < expires,
        });
        if (!result.IsValid || !result.Claims.TryGetValue(StateClaim, out var claim) || claim is not string signed) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(signed), Encoding.UTF8.GetBytes(state));
    }

    private SymmetricSecurityKey Key() => new(Encoding.UTF8.GetBytes(options.Value.StateKey));
}
