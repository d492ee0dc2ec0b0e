using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Webook.Core.Auth;

/// <summary>Issues and validates the HS256 JWTs of api.md: uid, ssid and a User-Agent fingerprint in each.</summary>
public sealed class TokenService
{
    public const string UserIdClaim = "uid";
    public const string SessionIdClaim = "ssid";
    public const string FingerprintClaim = "ua";
    public const string TokenIdClaim = "jti";

    private readonly AuthOptions _options;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SymmetricSecurityKey _accessKey;
    private readonly SymmetricSecurityKey _refreshKey;

    public TokenService(IOptions<AuthOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _accessKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_options.AccessTokenKey));
        _refreshKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_options.RefreshTokenKey));
    }

    public TimeSpan RefreshTokenLifetime => _options.RefreshTokenLifetime;

    /// <summary>A signed token for the session; <paramref name="tokenId"/> (jti) tells one refresh token of a session from the next.</summary>
    public string Issue(TokenKind kind, UserSession session, string? userAgent, string? tokenId = null)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [UserIdClaim] = session.UserId,
            [SessionIdClaim] = session.SessionId,
            [FingerprintClaim] = UserAgentFingerprint.Of(userAgent),
        };
        if (tokenId is not null) claims[TokenIdClaim] = tokenId;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = Audience(kind),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (kind == TokenKind.Access ? _options.AccessTokenLifetime : _options.RefreshTokenLifetime),
            Claims = claims,
            SigningCredentials = new SigningCredentials(Key(kind), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The session a token speaks for and the token's id, or null when it is malformed, forged, expired, of the other kind or from another User-Agent.</summary>
    public async Task<ValidToken?> ValidateAsync(TokenKind kind, string token, string? userAgent)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = Audience(kind),
            IssuerSigningKey = Key(kind),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = _options.ClockSkew,
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, parameters) => IsLive(notBefore, expires, parameters.ClockSkew),
        });
        if (!result.IsValid) return null;

        var claims = result.ClaimsIdentity;
        if (claims.FindFirst(FingerprintClaim)?.Value != UserAgentFingerprint.Of(userAgent)) return null;
        if (!long.TryParse(claims.FindFirst(UserIdClaim)?.Value, out var userId) || userId <= 0) return null;
        var sessionId = claims.FindFirst(SessionIdClaim)?.Value;
        if (string.IsNullOrEmpty(sessionId)) return null;
        return new ValidToken(new UserSession(userId, sessionId), claims.FindFirst(TokenIdClaim)?.Value);
    }

    // The default validator reads DateTime.UtcNow; this one reads the injected clock.
    private bool IsLive(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now < exp + skew && (notBefore is not { } nbf || now + skew >= nbf);
    }

    private string Audience(TokenKind kind) => kind == TokenKind.Access ? "webook-access" : "webook-refresh";
    private SymmetricSecurityKey Key(TokenKind kind) => kind == TokenKind.Access ? _accessKey : _refreshKey;
}
