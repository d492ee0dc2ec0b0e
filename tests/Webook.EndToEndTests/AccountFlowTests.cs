using System.Net;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

public sealed class AccountFlowTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Server.CreateClient();

    [Fact]
    public async Task Signup_login_profile_edit_refresh_logout()
    {
        var email = Accounts.NewEmail();
        var signup = await Accounts.SignupAsync(_client, email);
        Assert.Equal((HttpStatusCode.OK, 0), (signup.Status, signup.Code));

        var login = await Accounts.LoginAsync(_client, email.ToUpperInvariant());
        Assert.Equal(0, login.Code);
        var access = login.Header("x-jwt-token");
        var refresh = login.Header("x-refresh-token");
        Assert.False(string.IsNullOrEmpty(access));
        Assert.False(string.IsNullOrEmpty(refresh));

        var profile = await _client.GetApiAsync("/users/profile", access);
        Assert.Equal(0, profile.Code);
        Assert.Equal(email, profile.Data.GetProperty("email").GetString());
        var id = profile.Data.GetProperty("id").GetInt64();
        Assert.InRange(id, 1, (1L << 53) - 1);
        Assert.Equal("", profile.Data.GetProperty("nickname").GetString());

        var edit = await _client.PostApiAsync("/users/edit",
            new { nickname = "Ada", birthday = "1990-12-10", aboutMe = "I write about engines." }, access);
        Assert.Equal(0, edit.Code);

        var edited = await _client.GetApiAsync("/users/profile", access);
        Assert.Equal("Ada", edited.Data.GetProperty("nickname").GetString());
        Assert.Equal("1990-12-10", edited.Data.GetProperty("birthday").GetString());
        Assert.Equal("I write about engines.", edited.Data.GetProperty("aboutMe").GetString());
        Assert.Equal(id, edited.Data.GetProperty("id").GetInt64());

        var refreshed = await _client.PostApiAsync("/users/refresh_token", null, refresh);
        Assert.Equal(0, refreshed.Code);
        var newAccess = refreshed.Header("x-jwt-token");
        Assert.False(string.IsNullOrEmpty(newAccess));
        Assert.False(string.IsNullOrEmpty(refreshed.Header("x-refresh-token")));
        Assert.Equal(0, (await _client.GetApiAsync("/users/profile", newAccess)).Code);

        var logout = await _client.PostApiAsync("/users/logout", null, newAccess);
        Assert.Equal(0, logout.Code);

        foreach (var token in new[] { access, newAccess })
            Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetApiAsync("/users/profile", token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.PostApiAsync("/users/refresh_token", null, refresh)).Status);
    }

    [Fact]
    public async Task Signing_up_twice_with_one_email_in_another_case_is_refused()
    {
        var email = Accounts.NewEmail();
        Assert.Equal(0, (await Accounts.SignupAsync(_client, email)).Code);

        var again = await Accounts.SignupAsync(_client, email.ToUpperInvariant());

        Assert.Equal((HttpStatusCode.OK, 4), (again.Status, again.Code));
        Assert.Contains("already registered", again.Msg);
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_answer()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);

        var wrongPassword = await Accounts.LoginAsync(_client, user.Email, "wrong#password1");
        var unknownEmail = await Accounts.LoginAsync(_client, Accounts.NewEmail());

        Assert.Equal(4, wrongPassword.Code);
        Assert.Equal((wrongPassword.Status, wrongPassword.Code, wrongPassword.Msg), (unknownEmail.Status, unknownEmail.Code, unknownEmail.Msg));
        Assert.Null(wrongPassword.Header("x-jwt-token"));
        Assert.Null(unknownEmail.Header("x-jwt-token"));
    }

    [Fact]
    public async Task Confirm_password_in_snake_case_is_accepted()
    {
        var email = Accounts.NewEmail();
        var signup = await _client.PostApiAsync("/users/signup",
            new { email, password = Accounts.Password, confirm_password = Accounts.Password });
        Assert.Equal(0, signup.Code);
        Assert.Equal(0, (await Accounts.LoginAsync(_client, email)).Code);
    }

    [Fact]
    public async Task Clearing_the_birthday_with_an_empty_string_works()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);
        await _client.PostApiAsync("/users/edit", new { nickname = "A", birthday = "2000-01-01", aboutMe = "" }, user.AccessToken);

        var edit = await _client.PostApiAsync("/users/edit", new { nickname = "A", birthday = "", aboutMe = "" }, user.AccessToken);

        Assert.Equal(0, edit.Code);
        Assert.Equal("", (await _client.GetApiAsync("/users/profile", user.AccessToken)).Data.GetProperty("birthday").GetString());
    }

    [Fact]
    public async Task Cors_preflight_from_the_configured_origin_allows_credentials_and_exposes_the_token_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/users/login");
        request.Headers.Add("Origin", "http://localhost:3000");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");
        var preflight = await _client.SendAsync(request);
        Assert.Equal("http://localhost:3000", preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", preflight.Headers.GetValues("Access-Control-Allow-Credentials").Single());

        using var login = new HttpRequestMessage(HttpMethod.Post, "/users/login") { Content = System.Net.Http.Json.JsonContent.Create(new { email = "a@b.co", password = "x" }) };
        login.Headers.Add("Origin", "http://localhost:3000");
        var response = await _client.SendAsync(login);
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").Single();
        Assert.Contains("x-jwt-token", exposed);
        Assert.Contains("x-refresh-token", exposed);

        using var foreign = new HttpRequestMessage(HttpMethod.Options, "/users/login");
        foreign.Headers.Add("Origin", "http://evil.example");
        foreign.Headers.Add("Access-Control-Request-Method", "POST");
        Assert.False((await _client.SendAsync(foreign)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Health_reports_every_dependency_ok()
    {
        var health = await _client.GetApiAsync("/healthz");
        Assert.Equal(0, health.Code);
        Assert.Equal("ok", health.Data.GetProperty("status").GetString());
        var checks = health.Data.GetProperty("checks");
        foreach (var name in new[] { "tables", "blobs", "redis", "kafka" })
            Assert.Equal("ok", checks.GetProperty(name).GetString());
    }
}
