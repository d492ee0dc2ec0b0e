using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using Webook.Core.Auth;

namespace Webook.UnitTests.Auth;

public sealed class TokenServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TokenService _tokens;
    private readonly UserSession _session = new(42, "session-1");

    public TokenServiceTests() => _tokens = Service(validatedTokens: 100);

    private TokenService Service(int validatedTokens) => new(Options.Create(new AuthOptions
    {
        AccessTokenKey = new string('a', 32),
        RefreshTokenKey = new string('r', 32),
        AccessTokenLifetime = TimeSpan.FromMinutes(30),
        RefreshTokenLifetime = TimeSpan.FromDays(7),
        ClockSkew = TimeSpan.FromSeconds(30),
        ValidatedTokens = validatedTokens,
    }), _time);

    // The second and later checks of one access token are answered from the instance's checked tokens (when kept):
    // they must refuse what a full check refuses.
    [Theory]
    [InlineData(100)]
    [InlineData(0)]
    public async Task A_token_checked_before_is_still_refused_for_another_user_agent_as_the_other_kind_and_after_its_expiry(int validatedTokens)
    {
        var tokens = Service(validatedTokens);
        var token = tokens.Issue(TokenKind.Access, _session, "ua");
        Assert.Equal(new ValidToken(_session, null), await tokens.ValidateAsync(TokenKind.Access, token, "ua"));
        Assert.Equal(new ValidToken(_session, null), await tokens.ValidateAsync(TokenKind.Access, token, "ua"));
        Assert.Null(await tokens.ValidateAsync(TokenKind.Access, token, "another browser"));
        Assert.Null(await tokens.ValidateAsync(TokenKind.Access, token, null));
        Assert.Equal(new ValidToken(_session, null), await tokens.ValidateAsync(TokenKind.Access, token, "ua"));
        Assert.Null(await tokens.ValidateAsync(TokenKind.Refresh, token, "ua"));
        // One character of the signature changed: another string, checked in full, refused.
        var forged = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        Assert.Null(await tokens.ValidateAsync(TokenKind.Access, forged, "ua"));
        _time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(31));
        Assert.Null(await tokens.ValidateAsync(TokenKind.Access, token, "ua"));
    }

    [Fact]
    public async Task A_token_first_seen_from_another_user_agent_is_refused_and_still_valid_from_its_own()
    {
        var token = _tokens.Issue(TokenKind.Access, _session, "browser A");
        Assert.Null(await _tokens.ValidateAsync(TokenKind.Access, token, "browser B"));
        Assert.Equal(new ValidToken(_session, null), await _tokens.ValidateAsync(TokenKind.Access, token, "browser A"));
    }

    [Fact]
    public async Task A_token_validates_as_its_own_kind_for_its_user_agent()
    {
        var token = _tokens.Issue(TokenKind.Access, _session, "ua");
        Assert.Equal(new ValidToken(_session, null), await _tokens.ValidateAsync(TokenKind.Access, token, "ua"));
    }

    [Fact]
    public async Task A_token_id_given_at_issue_comes_back_from_validation()
    {
        var token = _tokens.Issue(TokenKind.Refresh, _session, "ua", "token-7");
        Assert.Equal(new ValidToken(_session, "token-7"), await _tokens.ValidateAsync(TokenKind.Refresh, token, "ua"));
    }

    [Fact]
    public async Task A_token_is_refused_as_the_other_kind()
    {
        Assert.Null(await _tokens.ValidateAsync(TokenKind.Refresh, _tokens.Issue(TokenKind.Access, _session, "ua"), "ua"));
        Assert.Null(await _tokens.ValidateAsync(TokenKind.Access, _tokens.Issue(TokenKind.Refresh, _session, "ua"), "ua"));
    }

    [Fact]
    public async Task A_token_is_refused_for_another_user_agent()
    {
        var token = _tokens.Issue(TokenKind.Access, _session, "browser A");
        Assert.Null(await _tokens.ValidateAsync(TokenKind.Access, token, "browser B"));
        Assert.Null(await _tokens.ValidateAsync(TokenKind.Access, token, null));
    }

    [Fact]
    public async Task Access_tokens_expire_after_their_lifetime_and_the_skew()
    {
        var token = _tokens.Issue(TokenKind.Access, _session, "ua");
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.NotNull(await _tokens.ValidateAsync(TokenKind.Access, token, "ua"));
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(await _tokens.ValidateAsync(TokenKind.Access, token, "ua"));
    }

    [Fact]
    public async Task Refresh_tokens_live_seven_days()
    {
        var token = _tokens.Issue(TokenKind.Refresh, _session, "ua");
        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.NotNull(await _tokens.ValidateAsync(TokenKind.Refresh, token, "ua"));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await _tokens.ValidateAsync(TokenKind.Refresh, token, "ua"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJ1aWQiOjF9.")]
    public async Task Garbage_is_refused(string token) =>
        Assert.Null(await _tokens.ValidateAsync(TokenKind.Access, token, "ua"));
}
