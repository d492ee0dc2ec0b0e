using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Auth;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>A refresh token works once; presenting a used one again ends its whole session, no other.</summary>
public sealed class RefreshRotationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Server.CreateClient();

    [Fact]
    public async Task Each_refresh_hands_out_a_new_refresh_token_that_refreshes_in_turn()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);

        var first = await RefreshAsync(user.RefreshToken);
        var second = await RefreshAsync(first.Header("x-refresh-token"));

        Assert.Equal((0, 0), (first.Code, second.Code));
        Assert.NotEqual(user.RefreshToken, first.Header("x-refresh-token"));
        Assert.NotEqual(first.Header("x-refresh-token"), second.Header("x-refresh-token"));
        Assert.Equal(0, (await _client.GetApiAsync("/users/profile", second.Header("x-jwt-token"))).Code);
    }

    [Fact]
    public async Task A_used_refresh_token_is_401_and_revokes_its_session_but_no_other_session_of_the_user()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);
        var otherSession = await Accounts.LoginAsync(_client, user.Email);
        var refreshed = await RefreshAsync(user.RefreshToken);
        Assert.Equal(0, refreshed.Code);

        AssertUnauthorized(await RefreshAsync(user.RefreshToken));

        AssertUnauthorized(await _client.GetApiAsync("/users/profile", refreshed.Header("x-jwt-token")));
        AssertUnauthorized(await _client.GetApiAsync("/users/profile", user.AccessToken));
        AssertUnauthorized(await RefreshAsync(refreshed.Header("x-refresh-token")));
        await AssertSessionWorksAsync(otherSession);
    }

    // The trade-off of strict rotation: a client that sends parallel refreshes with one token loses its
    // session, because the losers cannot be told apart from a thief replaying the token.
    [Fact]
    public async Task Of_ten_parallel_refreshes_with_one_token_exactly_one_succeeds_and_the_rest_revoke_the_session()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);
        var otherSession = await Accounts.LoginAsync(_client, user.Email);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RefreshAsync(user.RefreshToken)));

        var winner = Assert.Single(answers, a => a.Code == 0);
        Assert.Equal(9, answers.Count(a => (a.Status, a.Code) == (HttpStatusCode.Unauthorized, 4)));
        AssertUnauthorized(await _client.GetApiAsync("/users/profile", winner.Header("x-jwt-token")));
        AssertUnauthorized(await RefreshAsync(winner.Header("x-refresh-token")));
        await AssertSessionWorksAsync(otherSession);
    }

    [Fact]
    public async Task A_validly_signed_refresh_token_of_a_session_the_server_never_started_is_401()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);
        var userId = (await _client.GetApiAsync("/users/profile", user.AccessToken)).Data.GetProperty("id").GetInt64();
        var tokens = fixture.Server.Services.GetRequiredService<TokenService>();

        var forged = tokens.Issue(TokenKind.Refresh, new UserSession(userId, Guid.NewGuid().ToString("N")), RunningServer.UserAgent, "made-up");

        AssertUnauthorized(await RefreshAsync(forged));
    }

    [Fact]
    public async Task A_refresh_token_without_an_id_is_401_and_leaves_its_session_alone()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);
        var tokens = fixture.Server.Services.GetRequiredService<TokenService>();
        var session = (await tokens.ValidateAsync(TokenKind.Refresh, user.RefreshToken, RunningServer.UserAgent))!.Session;

        AssertUnauthorized(await RefreshAsync(tokens.Issue(TokenKind.Refresh, session, RunningServer.UserAgent)));

        Assert.Equal(0, (await RefreshAsync(user.RefreshToken)).Code);
    }

    [Fact]
    public async Task A_session_started_by_sms_login_rotates_too()
    {
        var phone = SmsLogin.NewPhone();
        Assert.Equal(0, (await SmsLogin.SendCodeAsync(_client, phone)).Code);
        var login = await SmsLogin.LoginAsync(_client, phone, await SmsLogin.ReadCodeAsync(fixture.Server, phone));
        Assert.Equal(0, login.Code);

        var refreshed = await RefreshAsync(login.Header("x-refresh-token"));

        Assert.Equal(0, refreshed.Code);
        AssertUnauthorized(await RefreshAsync(login.Header("x-refresh-token")));
        AssertUnauthorized(await RefreshAsync(refreshed.Header("x-refresh-token")));
    }

    [Fact]
    public async Task With_redis_stopped_login_and_refresh_answer_code_5()
    {
        await using var redis = await LocalService.StartRedisAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = $"127.0.0.1:{redis.Port}",
        });
        using var client = server.CreateClient();
        var user = await Accounts.SignupAndLoginAsync(client);

        await redis.StopAsync();

        AssertServerFailure(await client.PostApiAsync("/users/refresh_token", null, user.RefreshToken));
        var login = await Accounts.LoginAsync(client, user.Email);
        AssertServerFailure(login);
        Assert.Null(login.Header("x-refresh-token"));
    }

    private Task<ApiResponse> RefreshAsync(string? refreshToken) => _client.PostApiAsync("/users/refresh_token", null, refreshToken);

    private async Task AssertSessionWorksAsync(ApiResponse login)
    {
        Assert.Equal(0, (await _client.GetApiAsync("/users/profile", login.Header("x-jwt-token"))).Code);
        Assert.Equal(0, (await RefreshAsync(login.Header("x-refresh-token"))).Code);
    }

    private static void AssertUnauthorized(ApiResponse response) =>
        Assert.Equal((HttpStatusCode.Unauthorized, 4), (response.Status, response.Code));

    private static void AssertServerFailure(ApiResponse response) =>
        Assert.Equal((HttpStatusCode.InternalServerError, 5), (response.Status, response.Code));
}
