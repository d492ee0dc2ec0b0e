using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
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
    private readonly IRefreshTokenStore _refreshTokens = Substitute.For<IRefreshTokenStore>();
    private readonly Authenticator _auth;

    public AuthenticatorTests() =>
        _auth = new Authenticator(_tokens, _revocations, _refreshTokens, NullLogger<Authenticator>.Instance);

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
    public async Task Reading_while_authenticating_asks_both_at_once_and_hands_over_the_read()
    {
        var revocationAsked = new TaskCompletionSource<bool>();
        _revocations.IsRevokedAsync("s", Arg.Any<CancellationToken>()).Returns(revocationAsked.Task);
        var request = Request("Bearer " + _tokens.Issue(TokenKind.Access, new UserSession(7, "s"), "ua"));
        long? readFor = null;

        var authenticating = _auth.AuthenticateWhileReadingAsync(request, TokenKind.Access, (id, _) => { readFor = id; return Task.FromResult("profile"); }, default);

        // The read started before the revocation check answered.
        Assert.Equal(7, readFor);
        revocationAsked.SetResult(false);
        Assert.Equal((new UserSession(7, "s"), "profile"), await authenticating);
        Assert.Equal(new UserSession(7, "s"), request.HttpContext.Features.Get<UserSession>());
    }

    [Fact]
    public async Task A_revoked_session_reads_as_no_session_even_when_the_read_failed()
    {
        _revocations.IsRevokedAsync("s", Arg.Any<CancellationToken>()).Returns(true);
        var request = Request("Bearer " + _tokens.Issue(TokenKind.Access, new UserSession(7, "s"), "ua"));

        Assert.Null(await _auth.AuthenticateWhileReadingAsync<string>(request, TokenKind.Access, (_, _) => Task.FromResult("profile"), default));
        Assert.Null(await _auth.AuthenticateWhileReadingAsync<string>(request, TokenKind.Access, (_, _) => throw new TimeoutException(), default));
        Assert.Null(request.HttpContext.Features.Get<UserSession>());
    }

    [Fact]
    public async Task A_failed_revocation_check_fails_the_request_and_no_token_reads_nothing()
    {
        _revocations.IsRevokedAsync("s", Arg.Any<CancellationToken>()).Returns(Task.FromException<bool>(new TimeoutException()));
        var request = Request("Bearer " + _tokens.Issue(TokenKind.Access, new UserSession(7, "s"), "ua"));
        var reads = 0;

        await Assert.ThrowsAsync<TimeoutException>(() =>
            _auth.AuthenticateWhileReadingAsync(request, TokenKind.Access, (_, _) => Task.FromResult(++reads), default));
        Assert.Null(await _auth.AuthenticateWhileReadingAsync(Request(null), TokenKind.Access, (_, _) => Task.FromResult(++reads), default));
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task Revoking_keeps_the_session_for_the_refresh_lifetime()
    {
        await _auth.RevokeAsync(new UserSession(7, "s"), default);
        await _revocations.Received().RevokeAsync("s", TimeSpan.FromDays(7), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_new_session_records_the_id_of_the_refresh_token_it_hands_out()
    {
        var request = Request(null);
        await _auth.StartSessionAsync(request, 7, default);

        var access = await _tokens.ValidateAsync(TokenKind.Access, request.HttpContext.Response.Headers["x-jwt-token"]!, "ua");
        var refresh = await _tokens.ValidateAsync(TokenKind.Refresh, request.HttpContext.Response.Headers["x-refresh-token"]!, "ua");
        Assert.Equal(7, refresh!.Session.UserId);
        Assert.Equal(access!.Session, refresh.Session);
        await _refreshTokens.Received(1).SetCurrentAsync(refresh.Session.SessionId, refresh.Id!, TimeSpan.FromDays(7), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_rotated_refresh_hands_out_the_next_id_for_the_same_session()
    {
        string? nextId = null;
        _refreshTokens.RotateAsync("s", "current", Arg.Do<string>(id => nextId = id), TimeSpan.FromDays(7), Arg.Any<CancellationToken>())
            .Returns(RefreshRotation.Rotated);
        var request = Request("Bearer " + _tokens.Issue(TokenKind.Refresh, new UserSession(7, "s"), "ua", "current"));

        Assert.True(await _auth.RefreshAsync(request, default));

        var refresh = await _tokens.ValidateAsync(TokenKind.Refresh, request.HttpContext.Response.Headers["x-refresh-token"]!, "ua");
        Assert.Equal(new ValidToken(new UserSession(7, "s"), nextId), refresh);
        Assert.NotEqual("current", nextId);
        await _revocations.DidNotReceiveWithAnyArgs().RevokeAsync(default!, default, default);
    }

    [Fact]
    public async Task A_reused_refresh_token_revokes_the_session_and_gets_no_tokens()
    {
        _refreshTokens.RotateAsync("s", "old", Arg.Any<string>(), Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>())
            .Returns(RefreshRotation.Reused);
        var request = Request("Bearer " + _tokens.Issue(TokenKind.Refresh, new UserSession(7, "s"), "ua", "old"));

        Assert.False(await _auth.RefreshAsync(request, default));

        await _revocations.Received(1).RevokeAsync("s", TimeSpan.FromDays(7), Arg.Any<CancellationToken>());
        Assert.False(request.HttpContext.Response.Headers.ContainsKey("x-refresh-token"));
    }

    [Fact]
    public async Task A_refresh_token_of_an_unknown_session_gets_no_tokens_and_revokes_nothing()
    {
        _refreshTokens.RotateAsync("s", "id", Arg.Any<string>(), Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>())
            .Returns(RefreshRotation.UnknownSession);
        var request = Request("Bearer " + _tokens.Issue(TokenKind.Refresh, new UserSession(7, "s"), "ua", "id"));

        Assert.False(await _auth.RefreshAsync(request, default));

        await _revocations.DidNotReceiveWithAnyArgs().RevokeAsync(default!, default, default);
        Assert.False(request.HttpContext.Response.Headers.ContainsKey("x-refresh-token"));
    }

    [Fact]
    public async Task A_refresh_token_without_an_id_is_refused_without_touching_the_record()
    {
        var request = Request("Bearer " + _tokens.Issue(TokenKind.Refresh, new UserSession(7, "s"), "ua"));

        Assert.False(await _auth.RefreshAsync(request, default));

        await _refreshTokens.DidNotReceiveWithAnyArgs().RotateAsync(default!, default!, default!, default, default);
    }

    [Fact]
    public async Task A_refresh_token_of_a_revoked_session_is_refused_before_rotation()
    {
        _revocations.IsRevokedAsync("s", Arg.Any<CancellationToken>()).Returns(true);
        var request = Request("Bearer " + _tokens.Issue(TokenKind.Refresh, new UserSession(7, "s"), "ua", "id"));

        Assert.False(await _auth.RefreshAsync(request, default));

        await _refreshTokens.DidNotReceiveWithAnyArgs().RotateAsync(default!, default!, default!, default, default);
    }

    private static HttpRequest Request(string? authorization)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.UserAgent = "ua";
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        return context.Request;
    }
}
