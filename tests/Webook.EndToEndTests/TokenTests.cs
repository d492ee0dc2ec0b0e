using System.Net;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Webook.Core.Auth;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Every token that should not pass gets 401 with envelope code 4.</summary>
public sealed class TokenTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Server.CreateClient();

    [Fact]
    public async Task Missing_or_malformed_authorization_is_401()
    {
        await AssertUnauthorizedAsync(await _client.GetApiAsync("/users/profile"));
        await AssertUnauthorizedAsync(await _client.GetApiAsync("/users/profile", "not-a-jwt"));
        using var basic = new HttpRequestMessage(HttpMethod.Get, "/users/profile");
        basic.Headers.Authorization = new("Basic", "dXNlcjpwYXNz");
        await AssertUnauthorizedAsync(await ApiResponse.ReadAsync(await _client.SendAsync(basic)));
    }

    [Fact]
    public async Task A_tampered_token_is_401()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);
        var parts = user.AccessToken.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        var forged = payload.Replace("\"uid\":", "\"uid\":1");
        Assert.NotEqual(payload, forged);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(forged)}.{parts[2]}";

        await AssertUnauthorizedAsync(await _client.GetApiAsync("/users/profile", tampered));
    }

    [Fact]
    public async Task An_expired_token_is_401_while_the_same_token_unexpired_passes()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);
        var claims = new JsonWebToken(user.AccessToken);
        var key = fixture.Server.Settings["Auth:AccessTokenKey"]!;

        var live = Sign(claims, key, expires: DateTime.UtcNow.AddMinutes(5));
        var expired = Sign(claims, key, expires: DateTime.UtcNow.AddMinutes(-5));

        Assert.Equal(0, (await _client.GetApiAsync("/users/profile", live)).Code);
        await AssertUnauthorizedAsync(await _client.GetApiAsync("/users/profile", expired));
    }

    [Fact]
    public async Task A_refresh_token_is_not_an_access_token_and_the_other_way_round()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);

        await AssertUnauthorizedAsync(await _client.GetApiAsync("/users/profile", user.RefreshToken));
        await AssertUnauthorizedAsync(await _client.PostApiAsync("/users/logout", null, user.RefreshToken));
        await AssertUnauthorizedAsync(await _client.PostApiAsync("/users/refresh_token", null, user.AccessToken));
        Assert.Equal(0, (await _client.GetApiAsync("/users/profile", user.AccessToken)).Code);
    }

    [Fact]
    public async Task A_token_from_another_user_agent_is_401()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);
        using var other = fixture.Server.CreateClient("another-browser/2.0");

        await AssertUnauthorizedAsync(await other.GetApiAsync("/users/profile", user.AccessToken));
        await AssertUnauthorizedAsync(await other.PostApiAsync("/users/refresh_token", null, user.RefreshToken));
    }

    [Fact]
    public async Task After_logout_both_tokens_of_the_session_are_401_and_other_sessions_still_work()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);
        var second = await Accounts.LoginAsync(_client, user.Email);

        Assert.Equal(0, (await _client.PostApiAsync("/users/logout", null, user.AccessToken)).Code);

        await AssertUnauthorizedAsync(await _client.GetApiAsync("/users/profile", user.AccessToken));
        await AssertUnauthorizedAsync(await _client.PostApiAsync("/users/refresh_token", null, user.RefreshToken));
        Assert.Equal(0, (await _client.GetApiAsync("/users/profile", second.Header("x-jwt-token"))).Code);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);
        var forged = Sign(new JsonWebToken(user.AccessToken), new string('k', 64), DateTime.UtcNow.AddMinutes(5));
        await AssertUnauthorizedAsync(await _client.GetApiAsync("/users/profile", forged));
    }

    private static string Sign(JsonWebToken template, string key, DateTime expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = template.Issuer,
            Audience = template.Audiences.Single(),
            IssuedAt = expires.AddMinutes(-30),
            NotBefore = expires.AddMinutes(-30),
            Expires = expires,
            Claims = new Dictionary<string, object>
            {
                [TokenService.UserIdClaim] = long.Parse(template.GetClaim(TokenService.UserIdClaim).Value),
                [TokenService.SessionIdClaim] = template.GetClaim(TokenService.SessionIdClaim).Value,
                [TokenService.FingerprintClaim] = template.GetClaim(TokenService.FingerprintClaim).Value,
            },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

    private static Task AssertUnauthorizedAsync(ApiResponse response)
    {
        Assert.Equal((HttpStatusCode.Unauthorized, 4), (response.Status, response.Code));
        return Task.CompletedTask;
    }
}
