using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NSubstitute;
using Webook.Core.Auth;

namespace Webook.UnitTests.Auth;

public sealed class AuthenticatorTests
{
    private readonly TokenService _tokens = new(Options.Create(new AuthOptions
    {
        AccessTokenKey = new string('a', 32),
        RefreshTokenKey = new string('r', 32),
        RefreshTokenLifetime = TimeSpan.FromDays(7),
    }), TimeProvider.System);
    private readonly ISessionRevocations _revocations = Substitute.For<ISessionRevocations>();
    private readonly Authenticator _auth;

    public AuthenticatorTests() => _auth = new Authenticator(_tokens, _revocations);

    [Fact]
    public async Task A_valid_bearer_token_of_a_live_session_authenticates()
    {
        var request = Request("Bearer " + _tokens.Issue(TokenKind.Access, new UserSession(7, "s"), "ua"));
        Assert.Equal(new UserSession(7, "s"), await _auth.AuthenticateAsync(request, TokenKind.Access, default));
    }

    [Fact]
    public async Task A_revoked_session_does_not_authenticate()
    {
        _revocations.IsRevokedAsync("s", Arg.Any<CancellationToken>()).Returns(true);
        var request = Request("Bearer " + _tokens.Issue(TokenKind.Access, new UserSession(7, "s"), "ua"));
        Assert.Null(await _auth.AuthenticateAsync(request, TokenKind.Access, default));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer ")]
    [InlineData("Token abc")]
    public async Task No_bearer_token_does_not_authenticate_and_asks_nothing_of_redis(string? header)
    {
        Assert.Null(await _auth.AuthenticateAsync(Request(header), TokenKind.Access, default));
        await _revocations.DidNotReceiveWithAnyArgs().IsRevokedAsync(default!, default);
    }

    [Fact]
    public async Task Revoking_keeps_the_session_for_the_refresh_lifetime()
    {
        await _auth.RevokeAsync(new UserSession(7, "s"), default);
        await _revocations.Received().RevokeAsync("s", TimeSpan.FromDays(7), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Issued_tokens_go_in_the_response_headers()
    {
        var request = Request(null);
        _auth.IssueTokens(request, new UserSession(7, "s"));
        Assert.False(string.IsNullOrEmpty(request.HttpContext.Response.Headers["x-jwt-token"]));
        Assert.False(string.IsNullOrEmpty(request.HttpContext.Response.Headers["x-refresh-token"]));
    }

    private static HttpRequest Request(string? authorization)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.UserAgent = "ua";
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        return context.Request;
    }
}
