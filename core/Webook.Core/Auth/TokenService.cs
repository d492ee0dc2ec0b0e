using System.Security.Claims;
using System.Text;
using Webook.Core.Common;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Webook.Core.Auth;

/// <summary>Issues and validates the HS256 JWTs of api.md: uid, ssid and a User-Agent fingerprint in each.</summary>
public sealed class TokenService : IDisposable
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
    // Made once: every authenticated request validates a token, and the rules never change.
    private readonly TokenValidationParameters _accessRules;
    private readonly TokenValidationParameters _refreshRules;
    private readonly CountBoundedCache? _checked;

    public TokenService(IOptions<AuthOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _accessKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_options.AccessTokenKey));
        _refreshKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_options.RefreshTokenKey));
        _accessRules = Rules(TokenKind.Access);
        _refreshRules = Rules(TokenKind.Refresh);
        if (_options.ValidatedTokens > 0) _checked = new CountBoundedCache(_options.ValidatedTokens);
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
        // Every authenticated request brings its access token again: one checked before only needs its expiry and
        // User-Agent checked. The key is the whole token, signature included, so no other string can match it.
        if (kind == TokenKind.Access && _checked?.TryGetValue(token, out Checked? known) == true)
            return IsLive(known!.NotBefore, known.Expires, _options.ClockSkew) && known.IsFrom(userAgent) ? known.Token : null;

        var result = await _handler.ValidateTokenAsync(token, kind == TokenKind.Access ? _accessRules : _refreshRules);
        // The claims are read from the token itself: building the result's ClaimsIdentity would cost more than the rest.
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) return null;
        if (!jwt.TryGetPayloadValue<long>(UserIdClaim, out var userId) || userId <= 0) return null;
        var sessionId = Claim(jwt, SessionIdClaim);
        if (string.IsNullOrEmpty(sessionId)) return null;

        var valid = new ValidToken(new UserSession(userId, sessionId), Claim(jwt, TokenIdClaim));
        var fingerprint = Claim(jwt, FingerprintClaim);
        if (kind == TokenKind.Access && _checked is not null)
            // Relative to the injected clock's now: an entry is never kept past the token's own expiry and skew.
            _checked.Set(token, new Checked(valid, fingerprint, jwt.ValidFrom, jwt.ValidTo),
                TimeSpan.FromTicks(Math.Max(1, (jwt.ValidTo + _options.ClockSkew - _time.GetUtcNow().UtcDateTime).Ticks)));
        return fingerprint == UserAgentFingerprint.Of(userAgent) ? valid : null;
    }

    /// <summary>An access token whose signature and claims were checked: what is left to check per request.</summary>
    private sealed class Checked(ValidToken token, string? fingerprint, DateTime notBefore, DateTime expires)
    {
        // The last User-Agent whose hash matched: the same browser sends the same string every time, so the hash is
        // computed once per token, not per request. A race between two strings costs only a hash.
        private volatile string? _matchedUserAgent;

        public ValidToken Token => token;
        public DateTime NotBefore => notBefore;
        public DateTime Expires => expires;

        public bool IsFrom(string? userAgent)
        {
            userAgent ??= "";
            if (userAgent == _matchedUserAgent) return true;
            if (fingerprint != UserAgentFingerprint.Of(userAgent)) return false;
            _matchedUserAgent = userAgent;
            return true;
        }
    }

    private static string? Claim(JsonWebToken jwt, string name) => jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;

    private TokenValidationParameters Rules(TokenKind kind) => new()
    {
        ValidIssuer = _options.Issuer,
        ValidAudience = Audience(kind),
        IssuerSigningKey = Key(kind),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = _options.ClockSkew,
        RequireExpirationTime = true,
        LifetimeValidator = (notBefore, expires, _, parameters) => IsLive(notBefore, expires, parameters.ClockSkew),
    };

    // The default validator reads DateTime.UtcNow; this one reads the injected clock.
    private bool IsLive(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now < exp + skew && (notBefore is not { } nbf || now + skew >= nbf);
    }

    public void Dispose() => _checked?.Dispose();

    private string Audience(TokenKind kind) => kind == TokenKind.Access ? "webook-access" : "webook-refresh";
    private SymmetricSecurityKey Key(TokenKind kind) => kind == TokenKind.Access ? _accessKey : _refreshKey;
}
