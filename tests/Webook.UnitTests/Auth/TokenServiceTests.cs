using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using Webook.Core.Auth;

namespace Webook.UnitTests.Auth;

public sealed class TokenServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TokenService _tokens;
    private readonly UserSession _session = new(42, "session-1");

    public TokenServiceTests() => _tokens = new TokenService(Options.Create(new AuthOptions
    {
        AccessTokenKey = new string('a', 32),
        RefreshTokenKey = new string('r', 32),
        AccessTokenLifetime = TimeSpan.FromMinutes(30),
        RefreshTokenLifetime = TimeSpan.FromDays(7),
        ClockSkew = TimeSpan.FromSeconds(30),
    }), _time);

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
