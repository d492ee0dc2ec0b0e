using System.Net;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Webook.Fakes;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>
/// WeChat QR login over real HTTP against the fake WeChat (a Kestrel server on a real port, which the production client
/// calls with only its base URL changed): the URL and its signed state cookie, the callback's checks before WeChat is
/// called, find-or-create by unionid or openid under 20 parallel first logins, and WeChat's errors, 5xx and hangs.
/// </summary>
public sealed class WeChatLoginTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static FakeWeChat WeChat => SharedFakeWeChat.Fake;
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task The_auth_url_points_at_the_qr_page_and_the_callback_logs_the_scanner_in_like_a_login_and_clears_the_cookie()
    {
        using var client = Client();
        var (url, cookie, setCookie) = await StartAsync(client);
        Assert.StartsWith(Server.Settings["WeChat:QrConnectUrl"] + "?appid=" + WeChat.AppId + "&redirect_uri=" +
                          Uri.EscapeDataString(Server.Settings["WeChat:RedirectUri"]!) + "&response_type=code&scope=snsapi_login&state=", url);
        Assert.EndsWith("#wechat_redirect", url);
        var attributes = setCookie.ToLowerInvariant();
        foreach (var attribute in new[] { "httponly", "samesite=lax", "path=/oauth2/wechat/callback", "max-age=600" }) Assert.Contains(attribute, attributes);
        Assert.DoesNotContain("secure", attributes); // the test servers run as Development, over plain http (elsewhere: WeChatLoginHandlersTests)
        Assert.True(StateOf(url).Length >= 22, "128 bits of state, base64url");

        // The fake's QR page "scans" at once and sends the browser back with a fresh code and the same state.
        using var scanner = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        WeChat.ScannerOpenId = "o-" + Guid.NewGuid().ToString("N");
        WeChat.ScannerUnionId = "u-" + Guid.NewGuid().ToString("N");
        var back = (await scanner.GetAsync(url.Replace("#wechat_redirect", ""))).Headers.Location!;
        Assert.Equal(StateOf(url), Query(back, "state"));

        var login = await CallbackAsync(client, Query(back, "code"), Query(back, "state"), cookie);
        Assert.Equal(0, login.Code);
        Assert.Contains("jwt-state=;", login.Raw.Headers.GetValues("Set-Cookie").Single());
        var profile = await client.GetApiAsync("/users/profile", login.Header("x-jwt-token"));
        Assert.Equal((true, "", ""), (profile.Data.GetProperty("wechatBound").GetBoolean(), profile.Data.GetProperty("email").GetString(), profile.Data.GetProperty("phone").GetString()));
        Assert.False(string.IsNullOrEmpty(login.Header("x-refresh-token")));

        // The same person again finds the same account; the code, once used, is refused.
        var again = await LoginAsync(client, new IssuedCode(WeChat.ScannerOpenId, WeChat.ScannerUnionId));
        Assert.Equal(await IdAsync(client, login), await IdAsync(client, again));
        var (_, reusedCookie, _) = await StartAsync(client);
        Assert.Equal(4, (await CallbackAsync(client, Query(back, "code"), StateFrom(reusedCookie), reusedCookie)).Code);

        // Secrets stay out of the logs.
        var logged = Server.Logs.Entries.Select(e => e.Message + e.Exception).ToList();
        Assert.DoesNotContain(logged, m => m.Contains(Query(back, "code"), StringComparison.Ordinal) || m.Contains(WeChat.AppSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_callback_without_its_cookie_or_with_a_forged_expired_or_other_state_is_refused_and_wechat_is_not_called()
    {
        using var client = Client();
        var code = WeChat.Issue(new IssuedCode("o-" + Guid.NewGuid().ToString("N"), null));
        var (url, cookie, _) = await StartAsync(client);
        var state = StateOf(url);
        var forged = Sign(state, DateTime.UtcNow.AddMinutes(10), "another key of at least thirty-two bytes....");
        var expired = Sign(state, DateTime.UtcNow.AddSeconds(-1), Server.Settings["WeChat:StateKey"]!);
        var (_, otherCookie, _) = await StartAsync(client);
        var exchanges = WeChat.Exchanges;

        Assert.Equal(4, (await CallbackAsync(client, code, state, cookie: null)).Code);
        Assert.Equal(4, (await CallbackAsync(client, code, state, forged)).Code);
        Assert.Equal(4, (await CallbackAsync(client, code, state, expired)).Code);
        Assert.Equal(4, (await CallbackAsync(client, code, state, otherCookie)).Code);
        Assert.Equal(4, (await CallbackAsync(client, code, state + "x", cookie)).Code);
        Assert.Equal(4, (await CallbackAsync(client, code, null, cookie)).Code);
        Assert.Equal(4, (await CallbackAsync(client, null, state, cookie)).Code);
        Assert.Equal(exchanges, WeChat.Exchanges);

        // The genuine one still works: the refusals changed nothing.
        Assert.Equal(0, (await CallbackAsync(client, code, state, cookie)).Code);
        Assert.Equal(exchanges + 1, WeChat.Exchanges);
    }

    [Fact]
    public async Task Twenty_parallel_first_logins_of_one_wechat_user_make_one_account_and_a_user_without_unionid_is_found_by_openid()
    {
        using var client = Client();
        var (openId, unionId) = ("o-" + Guid.NewGuid().ToString("N"), "u-" + Guid.NewGuid().ToString("N"));
        var starts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => StartAsync(client)));
        var logins = await Task.WhenAll(starts.Select(s =>
            CallbackAsync(client, WeChat.Issue(new IssuedCode(openId, unionId)), StateOf(s.Url), s.Cookie)));
        Assert.All(logins, login => Assert.Equal(0, login.Code));
        Assert.Single((await Task.WhenAll(logins.Select(login => IdAsync(client, login)))).Distinct());

        var lone = "o-" + Guid.NewGuid().ToString("N");
        var first = await LoginAsync(client, new IssuedCode(lone, null));
        var second = await LoginAsync(client, new IssuedCode(lone, null));
        Assert.Equal(await IdAsync(client, first), await IdAsync(client, second));
    }

    [Fact]
    public async Task Wechat_errors_answer_code_5_a_hang_answers_within_the_deadline_and_an_email_account_is_not_wechat_bound()
    {
        using var client = Client();
        foreach (var failing in new[]
                 {
                     new IssuedCode("o-x", null, CodeBehaviour.Fail500), new IssuedCode("o-x", null, CodeBehaviour.ErrorBody, ErrCode: -1),
                     new IssuedCode("o-x", null, CodeBehaviour.Hang),
                 })
        {
            var (url, cookie, _) = await StartAsync(client);
            var answer = await CallbackAsync(client, WeChat.Issue(failing), StateOf(url), cookie);
            Assert.Equal((HttpStatusCode.InternalServerError, 5), (answer.Status, answer.Code));
        }
        // A slow WeChat inside WeChat:Timeout (2 s here) is waited for.
        Assert.Equal(0, (await LoginAsync(client, new IssuedCode("o-" + Guid.NewGuid().ToString("N"), null, CodeBehaviour.Delay, TimeSpan.FromMilliseconds(200)))).Code);

        var user = await Accounts.SignupAndLoginAsync(client);
        Assert.False((await client.GetApiAsync("/users/profile", user.AccessToken)).Data.GetProperty("wechatBound").GetBoolean());
    }

    // Without a cookie jar (RunningServer.CreateClient): each request carries the cookie the test gives it.
    private HttpClient Client() => Server.CreateClient();

    private async Task<ApiResponse> LoginAsync(HttpClient client, IssuedCode who)
    {
        var (url, cookie, _) = await StartAsync(client);
        return await CallbackAsync(client, WeChat.Issue(who), StateOf(url), cookie);
    }

    private static async Task<(string Url, string Cookie, string SetCookie)> StartAsync(HttpClient client)
    {
        var answer = await client.GetApiAsync("/oauth2/wechat/authurl");
        Assert.Equal(0, answer.Code);
        var setCookie = answer.Raw.Headers.GetValues("Set-Cookie").Single();
        return (answer.Data.GetString()!, setCookie.Split(';')[0]["jwt-state=".Length..], setCookie);
    }

    private static async Task<ApiResponse> CallbackAsync(HttpClient client, string? code, string? state, string? cookie)
    {
        var query = string.Join('&', new[] { ("code", code), ("state", state) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth2/wechat/callback?" + query);
        if (cookie is not null) request.Headers.Add("Cookie", "jwt-state=" + cookie);
        return await ApiResponse.ReadAsync(await client.SendAsync(request));
    }

    private static async Task<long> IdAsync(HttpClient client, ApiResponse login) =>
        (await client.GetApiAsync("/users/profile", login.Header("x-jwt-token"))).Data.GetProperty("id").GetInt64();

    private static string StateOf(string url) => Query(new Uri(url.Replace("#wechat_redirect", "")), "state");

    private static string StateFrom(string cookie) => (string)new JsonWebToken(cookie).GetPayloadValue<string>("state");

    private static string Query(Uri url, string name) =>
        Uri.UnescapeDataString(url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == name)[1]);

    private static string Sign(string state, DateTime expires, string key) => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
        new SecurityTokenDescriptor
        {
            Issuer = "webook", Audience = "wechat-state", IssuedAt = expires.AddMinutes(-10), NotBefore = expires.AddMinutes(-10), Expires = expires,
            Claims = new Dictionary<string, object> { ["state"] = state },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
}
