using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Webook.Core.Accounts;
using Webook.Core.Auth;
using Webook.Core.Http;
using Webook.Core.WeChatLogin;

namespace Webook.UnitTests.WeChatLogin;

/// <summary>The state token and the cookie it travels in; the round trip itself is WeChatLoginTests (end to end).</summary>
public sealed class WeChatLoginHandlersTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly WeChatLoginOptions _options = new()
    {
        AppId = "wxapp", AppSecret = "secret", RedirectUri = "https://webook.example/oauth2/wechat/callback",
        StateKey = new string('k', 32),
    };

    private WeChatState States(string? key = null) =>
        new(Options.Create(key is null ? _options : new WeChatLoginOptions { StateKey = key }), _time);

    [Fact]
    public async Task A_state_matches_its_own_cookie_only_until_it_expires()
    {
        var states = States();
        var (state, token) = states.Issue();
        var (other, _) = states.Issue();

        Assert.NotEqual(state, other);
        Assert.True(await states.MatchesAsync(token, state));
        Assert.False(await states.MatchesAsync(token, other));
        Assert.False(await states.MatchesAsync(token, state[..^1]));
        Assert.False(await states.MatchesAsync(null, state));
        Assert.False(await states.MatchesAsync(token, null));
        Assert.False(await states.MatchesAsync("not.a.token", state));
        Assert.False(await States(new string('x', 32)).MatchesAsync(token, state)); // signed with another key
        Assert.False(await states.MatchesAsync(token[..^2] + (token[^2] == 'A' ? "BB" : "AA"), state)); // its signature altered

        _time.Advance(_options.StateLifetime - TimeSpan.FromSeconds(1));
        Assert.True(await states.MatchesAsync(token, state));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await states.MatchesAsync(token, state));
    }

    [Theory]
    [InlineData("Production", null, true)]
    [InlineData("Development", null, false)]
    [InlineData("Development", true, true)]
    [InlineData("Production", false, false)]
    public async Task The_state_cookie_is_http_only_lax_on_the_callback_path_and_secure_outside_development_unless_configured(
        string environment, bool? secure, bool expectSecure)
    {
        _options.CookieSecure = secure;
        var host = Substitute.For<IHostEnvironment>();
        host.EnvironmentName.Returns(environment);
        var handlers = new WeChatLoginHandlers(Substitute.For<IWeChatOAuth>(), States(), null!, null!, Options.Create(_options), host);
        var context = new DefaultHttpContext();

        var result = await handlers.AuthUrlAsync(new RouteCall<NoBody>(context.Request, null, NoBody.Value, default));

        Assert.NotNull(result);
        var cookie = context.Response.Headers.SetCookie.Single()!.ToLowerInvariant();
        foreach (var attribute in new[] { "jwt-state=", "httponly", "samesite=lax", "path=/oauth2/wechat/callback", "max-age=600" }) Assert.Contains(attribute, cookie);
        Assert.Equal(expectSecure, cookie.Contains("secure", StringComparison.Ordinal));
    }
}
